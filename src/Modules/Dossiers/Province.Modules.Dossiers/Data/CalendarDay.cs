namespace Province.Modules.Dossiers.Data;

/// <summary>A day an administrator added to the working calendar: a holiday (or compensation day off), or a Saturday or Sunday worked.</summary>
internal sealed class CalendarDay
{
    /// <summary>The date as yyyy-MM-dd: one entry per date.</summary>
    public required string Id { get; init; }

    public DateOnly Date { get; init; }

    public CalendarDayKind Kind { get; init; }

    public required string Name { get; init; }

    public Guid AddedBy { get; init; }

    public DateTimeOffset AddedAt { get; init; }

    public static string IdFor(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

internal enum CalendarDayKind
{
    /// <summary>A public holiday or a day off given in exchange: not a working day.</summary>
    Holiday,

    /// <summary>A Saturday or Sunday the Government declared a working day (to make up a day off).</summary>
    WorkingWeekendDay,
}
