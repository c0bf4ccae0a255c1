using System.Globalization;
using Province.BuildingBlocks.Time;

namespace Province.Modules.Notifications.ZaloMessages;

/// <summary>Values as ZNS templates take them: Vietnamese dates and times, short text (Zalo limits a parameter's length).</summary>
internal static class ZaloText
{
    /// <summary>ZNS refuses long parameter values; a template shows a summary and the app the whole text.</summary>
    private const int MaxValueLength = 90;

    public static string Short(string text) =>
        text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 1), "…");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant) => instant.ToVietnamTime().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset instant) => instant.ToVietnamTime().ToString("HH:mm", CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Booking(string code, DateTimeOffset startsAt, string office, string service) => new()
    {
        [ZaloMessageValues.Code] = code,
        [ZaloMessageValues.Date] = Date(startsAt),
        [ZaloMessageValues.Time] = Time(startsAt),
        [ZaloMessageValues.Place] = office,
        [ZaloMessageValues.Service] = service,
    };
}
