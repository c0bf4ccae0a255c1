using System.Globalization;

namespace Province.Modules.FieldReports.BackOffice;

/// <summary>
/// The frame of the queue's map: the province's extent (Tây Ninh since the 2025 merger with Long An, about
/// 10°23'–11°47' N and 105°30'–106°47' E, with a margin) drawn as server-rendered SVG, no tiles: the back office's CSP
/// allows no tile server and many office networks reach no internet. Equirectangular with the longitude scaled by
/// cos(latitude), which at 11° N is true to within a few metres per kilometre across the province.
/// </summary>
internal static class ProvinceMap
{
    public const double South = 10.35;
    public const double North = 11.82;
    public const double West = 105.45;
    public const double East = 106.85;

    /// <summary>Drawing units per degree of latitude.</summary>
    private const double Scale = 300;

    private static readonly double LongitudeScale = Scale * Math.Cos((South + North) / 2 * Math.PI / 180);

    public static double Width => Math.Round((East - West) * LongitudeScale);

    public static double Height => Math.Round((North - South) * Scale);

    /// <summary>Places staff know, to find one's way on a map without a background.</summary>
    public static readonly (string Name, double Latitude, double Longitude)[] Landmarks =
    [
        ("P. Tân Ninh", 11.3101, 106.0983),
        ("Núi Bà Đen", 11.3725, 106.1700),
        ("P. Long An", 10.5360, 106.4130),
        ("Trảng Bàng", 11.0330, 106.3620),
        ("Đức Hòa", 10.8830, 106.4000),
        ("Mộc Hóa", 10.7760, 105.9400),
    ];

    public static bool Inside(double latitude, double longitude) => latitude is >= South and <= North && longitude is >= West and <= East;

    /// <summary>Drawing units from the left edge.</summary>
    public static double Left(double longitude) => (longitude - West) * LongitudeScale;

    /// <summary>Drawing units from the top edge.</summary>
    public static double Top(double latitude) => (North - latitude) * Scale;

    public static string X(double longitude) => Format(Left(longitude));

    public static string Y(double latitude) => Format(Top(latitude));

    /// <summary>The widest graticule label ("106°45'" at 14 px) with room to spare, in drawing units.</summary>
    private const double LabelWidth = 64;

    /// <summary>Graticule every quarter degree, labelled in degrees and minutes.</summary>
    public static IEnumerable<double> Parallels() => Steps(Math.Ceiling(South * 4) / 4, North);

    public static IEnumerable<double> Meridians() => Steps(Math.Ceiling(West * 4) / 4, East);

    /// <summary>
    /// Where a meridian's label goes: right of its line along the bottom edge, or, where that would run past the right
    /// edge, left of it and one line higher (so it does not run into the label of the meridian before).
    /// </summary>
    public static (string X, string Y, string Anchor) MeridianLabel(double longitude) =>
        Left(longitude) + 3 + LabelWidth <= Width
            ? (Format(Left(longitude) + 3), Format(Height - 5), "start")
            : (Format(Left(longitude) - 3), Format(Height - 23), "end");

    public static string Degrees(double value)
    {
        var degrees = Math.Floor(value);
        var minutes = Math.Round((value - degrees) * 60);
        return $"{degrees.ToString(CultureInfo.InvariantCulture)}°{minutes.ToString("00", CultureInfo.InvariantCulture)}'";
    }

    public static string Format(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<double> Steps(double from, double to)
    {
        for (var value = from; value <= to; value += 0.25)
        {
            yield return value;
        }
    }
}
