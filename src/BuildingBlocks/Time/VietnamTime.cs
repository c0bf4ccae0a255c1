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

    /// <summary>The calendar day in Vietnam at <paramref name="instant"/>.</summary>
    public static DateOnly ToVietnamDate(this DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToVietnamTime().DateTime);

    /// <summary>Midnight in Vietnam at the start of <paramref name="day"/> (Vietnam has no daylight saving: always +07:00), in UTC as storage wants it.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Zone.BaseUtcOffset).ToUniversalTime();
}
