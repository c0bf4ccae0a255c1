using System.Globalization;
using Microsoft.Extensions.Configuration;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Deadlines;

/// <summary>
/// Working days in Vietnam's public administration: Monday to Friday, minus the public holidays
/// (and their compensation days), plus the Saturdays the Government declares make-up working days.
/// The holidays change every year (Tết follows the lunar calendar, swaps are announced yearly), so
/// they are configuration: <c>Dossiers:Calendar:Holidays</c> and <c>Dossiers:Calendar:WorkingWeekendDays</c>
/// (dates as yyyy-MM-dd), and days administrators add in the back office (<see cref="CalendarDay"/> documents, loaded by
/// <see cref="CalendarRefresher"/> at start, after each change and every minute for the other instances). All dates here are
/// dates in Asia/Ho_Chi_Minh.
/// </summary>
internal sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workingWeekendDays;

    // Replaced whole (never changed in place) when the stored days are read again, so readers need no lock.
    private volatile StoredDays _stored = new([], []);

    public WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly>? workingWeekendDays = null)
    {
        _holidays = [.. holidays];
        _workingWeekendDays = [.. workingWeekendDays ?? []];
    }

    public static WorkingCalendar From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Dossiers:Calendar");
        return new WorkingCalendar(Dates(section.GetSection("Holidays")), Dates(section.GetSection("WorkingWeekendDays")));
    }

    public IReadOnlyCollection<DateOnly> ConfiguredHolidays => _holidays;

    public IReadOnlyCollection<DateOnly> ConfiguredWorkingWeekendDays => _workingWeekendDays;

    public bool IsWorkingDay(DateOnly day)
    {
        var stored = _stored;
        return _workingWeekendDays.Contains(day) || stored.WorkingWeekendDays.Contains(day)
            || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day) && !stored.Holidays.Contains(day));
    }

    /// <summary>The days administrators added (all of them, replacing the previous set).</summary>
    public void UseStoredDays(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        _stored = new StoredDays(
            [.. list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date)],
            [.. list.Where(d => d.Kind == CalendarDayKind.WorkingWeekendDay).Select(d => d.Date)]);
    }

    private sealed record StoredDays(HashSet<DateOnly> Holidays, HashSet<DateOnly> WorkingWeekendDays);

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/>: the day of
    /// receipt does not count, the first working day after it is day 1.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        while (workingDays > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                workingDays--;
            }
        }

        return day;
    }

    /// <summary>Working days <c>d</c> with <paramref name="from"/> &lt; d &lt;= <paramref name="to"/> (0 when to &lt;= from).</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private static IEnumerable<DateOnly> Dates(IConfigurationSection section) =>
        section.GetChildren()
            .Select(child => child.Value)
            .Where(value => !string.IsNullOrWhiteSpace(value))
            .Select(value => DateOnly.ParseExact(value!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture));
}
