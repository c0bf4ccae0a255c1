namespace Province.Testing;

/// <summary>
/// The host's clock in tests: real time until a test sets it, then frozen there (moved only by
/// <see cref="Set"/> and <see cref="Advance"/>), so deadlines can be checked across weekends and Tết.
/// Timers still run in real time: background workers keep polling.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow() => _now ?? base.GetUtcNow();

    /// <summary>Freezes the clock at <paramref name="vietnamTime"/> (a local time in Vietnam, UTC+7).</summary>
    public void Set(DateTime vietnamTime) => _now = new DateTimeOffset(vietnamTime, TimeSpan.FromHours(7)).ToUniversalTime();

    public void Advance(TimeSpan by) => _now = GetUtcNow() + by;
}
