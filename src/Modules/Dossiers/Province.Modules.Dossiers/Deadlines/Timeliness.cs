using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Deadlines;

/// <summary>Where an open dossier stands against its return date.</summary>
internal enum Timeliness
{
    OnTime,
    DueSoon,
    Overdue,

    /// <summary>Waiting for the citizen: the clock is stopped.</summary>
    Paused,

    /// <summary>No longer open (result returned, refused, stopped, withdrawn).</summary>
    Closed,
}

/// <summary>Computes timeliness the same way for the queue filter, the views and the deadline watcher.</summary>
internal sealed class DeadlinePolicy(WorkingCalendar calendar, TimeProvider clock, DeadlineSettings settings)
{
    public WorkingCalendar Calendar => calendar;

    public DateOnly Today => Province.BuildingBlocks.Time.VietnamTime.TodayInVietnam(clock);

    /// <summary>The last due date that still counts as "due soon" today.</summary>
    public DateOnly DueSoonLimit => calendar.AddWorkingDays(Today, settings.DueSoonWorkingDays);

    public Timeliness Of(DossierStatus status, DateOnly dueDate)
    {
        if (!status.IsOpen() || status == DossierStatus.Done)
        {
            return Timeliness.Closed;
        }

        if (status.IsPaused())
        {
            return Timeliness.Paused;
        }

        var today = Today;
        if (dueDate < today)
        {
            return Timeliness.Overdue;
        }

        return dueDate <= DueSoonLimit ? Timeliness.DueSoon : Timeliness.OnTime;
    }
}

/// <summary>Configuration section <c>Dossiers</c> (deadline part).</summary>
internal sealed class DeadlineSettings
{
    /// <summary>A dossier is "due soon" when its return date is within this many working days.</summary>
    public int DueSoonWorkingDays { get; set; } = 1;

    /// <summary>How often the watcher looks for dossiers becoming due soon or overdue.</summary>
    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromMinutes(15);
}
