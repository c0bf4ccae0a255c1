namespace Province.Modules.Appointments.Data;

/// <summary>A one-stop office (bộ phận một cửa) of an agency: its counters, hours and service groups.</summary>
internal sealed class Office
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public required string Name { get; set; }

    public required string Address { get; set; }

    /// <summary>Some offices approve each booking (pending → approved / rejected); others confirm at once.</summary>
    public bool RequiresApproval { get; set; }

    /// <summary>How far ahead a citizen may book.</summary>
    public int BookingHorizonDays { get; set; } = 30;

    /// <summary>Cancelling or rescheduling is possible until this long before the appointment.</summary>
    public int ChangeCutoffHours { get; set; } = 2;

    public List<OpeningHours> OpeningHours { get; set; } = [];

    public List<ServiceGroup> ServiceGroups { get; init; } = [];

    public List<Counter> Counters { get; init; } = [];
}

/// <summary>Opening hours of one weekday (Vietnam time); a weekday without an entry is closed.</summary>
internal sealed class OpeningHours
{
    public DayOfWeek Day { get; set; }

    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }
}

/// <summary>A group of services (a field of procedures) with its own queue and slots, e.g. "Hộ tịch".</summary>
internal sealed class ServiceGroup
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OfficeId { get; init; }

    /// <summary>Letters printed before the number, e.g. "HT" for HT-012.</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    /// <summary>The procedure field (lĩnh vực) this group serves, to link a booking to a procedure.</summary>
    public required string Field { get; set; }

    /// <summary>Used for the wait estimate until the day has its own finished tickets.</summary>
    public int DefaultServiceMinutes { get; set; } = 10;
}

/// <summary>A counter (quầy) and the service groups it serves.</summary>
internal sealed class Counter
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OfficeId { get; init; }

    public int Number { get; init; }

    public required string Name { get; set; }

    public List<Guid> ServiceGroupIds { get; set; } = [];
}

/// <summary>A day the office takes no bookings and issues no tickets (holiday, training...).</summary>
internal sealed class BlockedDay
{
    /// <summary>The office and the day (<see cref="BlockedDays.IdFor"/>): blocking a day twice finds the first one.</summary>
    public required string Id { get; init; }

    public Guid OfficeId { get; init; }

    public DateOnly Day { get; init; }

    public required string Reason { get; init; }
}

internal static class BlockedDays
{
    public static string IdFor(Guid officeId, DateOnly day) => $"{officeId:N}:{day:yyyy-MM-dd}";
}
