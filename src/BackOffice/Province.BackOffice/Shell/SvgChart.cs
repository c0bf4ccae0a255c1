using System.Globalization;
using System.Net;
using System.Text;

namespace Province.BackOffice.Shell;

/// <summary>One named series of a chart, a value (or nothing) per label.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// Bar and line charts drawn on the server as SVG: no chart script, nothing inline the page policy would refuse (colours are
/// attributes, not styles). The figures are also in the table beside each chart, which is what screen readers get; the
/// SVG carries a title and a short description.
/// </summary>
public static class SvgChart
{
    /// <summary>AA contrast against white, told apart also by shape in the legend (bars) or markers (lines).</summary>
    private static readonly string[] Colours = ["#0b4f8a", "#b34700", "#17602f", "#6b2fa0"];

    private const int Width = 640;
    private const int Height = 260;
    private const int Left = 52;
    private const int Right = 12;
    private const int Top = 14;
    private const int Bottom = 56;

    public static string Colour(int series) => Colours[series % Colours.Length];

    public static string Render(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, bool line, string unit)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(series);
        var max = NiceMax(series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double value) => Top + plotHeight - (value / max * plotHeight);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart-svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title>").Append(Encode(title)).Append("</title>");
        svg.Append("<desc>").Append(Encode(Describe(labels, series, unit))).Append("</desc>");

        // Grid lines and the axis figures: four steps from 0 to the rounded maximum.
        for (var step = 0; step <= 4; step++)
        {
            var value = max * step / 4;
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#c9d1db\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#4a5360\">{Encode(Figure(value))}</text>");
        }

        var slot = labels.Count == 0 ? plotWidth : (double)plotWidth / labels.Count;
        var every = Math.Max(1, (int)Math.Ceiling(labels.Count / 12.0));
        for (var i = 0; i < labels.Count; i++)
        {
            if (i % every == 0)
            {
                var x = Left + (slot * i) + (slot / 2);
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f24\">{Encode(labels[i])}</text>");
            }
        }

        if (line)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var points = new List<string>();
                for (var i = 0; i < labels.Count && i < series[s].Values.Count; i++)
                {
                    if (series[s].Values[i] is { } value)
                    {
                        var x = Left + (slot * i) + (slot / 2);
                        points.Add(string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{Y(value):0.#}"));
                        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{Y(value):0.#}\" r=\"4\" fill=\"{Colour(s)}\"/>");
                    }
                }

                if (points.Count > 1)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{Colour(s)}\" stroke-width=\"2.5\" points=\"{string.Join(' ', points)}\"/>");
                }
            }
        }
        else if (series.Count > 0)
        {
            var barWidth = Math.Max(2, (slot * 0.8) / series.Count);
            for (var i = 0; i < labels.Count; i++)
            {
                for (var s = 0; s < series.Count; s++)
                {
                    if (i < series[s].Values.Count && series[s].Values[i] is { } value)
                    {
                        var x = Left + (slot * i) + (slot * 0.1) + (barWidth * s);
                        var y = Y(value);
                        svg.Append(CultureInfo.InvariantCulture,
                            $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth - 1:0.#}\" height=\"{Top + plotHeight - y:0.#}\" fill=\"{Colour(s)}\"/>");
                    }
                }
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\" stroke=\"#1b1f24\" stroke-width=\"1\"/>");
        if (unit.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{Top - 2}\" font-size=\"12\" fill=\"#4a5360\">{Encode(unit)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The axis' top: the maximum rounded up to 1, 2, 2.5 or 5 times a power of ten (at least 1).</summary>
    public static double NiceMax(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (max <= factor * power)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }

    private static string Describe(IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series, string unit) =>
        string.Join("; ", series.Select(s => s.Name + ": " + string.Join(", ",
            labels.Select((label, i) => label + " " + (i < s.Values.Count && s.Values[i] is { } v ? Figure(v) : "—")))))
        + (unit.Length > 0 ? " (" + unit + ")" : string.Empty);

    private static string Figure(double value) => value.ToString(value >= 100 || value == Math.Floor(value) ? "N0" : "N1", BackOfficeText.Culture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
