namespace Province.BuildingBlocks.Time;

/// <summary>
/// Everything is stored in UTC and shown in Vietnam's time (UTC+7, no daylight saving).
/// Code asks <see cref="TimeProvider"/> for "now" so tests can move the clock.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateTimeOffset ToVietnamTime(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly TodayInVietnam(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToVietnamTime().DateTime);
    }
}
