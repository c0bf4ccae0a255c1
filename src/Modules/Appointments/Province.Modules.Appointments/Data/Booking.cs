using Marten.Schema;
using Province.BuildingBlocks.Text;

namespace Province.Modules.Appointments.Data;

/// <summary>
/// A bookable time of a service group on a day, with a capacity. The places taken are not in the
/// document: they are counted in the <c>slot_usage</c> table by one conditional statement per booking
/// (<see cref="SlotPlaces"/>), so they never exceed the capacity, however many citizens on however
/// many host instances book at once.
/// </summary>
internal sealed class Slot
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OfficeId { get; init; }

    public Guid ServiceGroupId { get; init; }

    public DateOnly Day { get; init; }

    public TimeOnly Start { get; init; }

    public TimeOnly End { get; init; }

    public int Capacity { get; set; }
}

internal enum BookingStatus
{
    Pending,
    Approved,
    Rejected,
    Cancelled,
    CheckedIn,
}

internal sealed class Booking
{
    /// <summary>
    /// A citizen's booking of a place in <paramref name="slot"/> (taken through <see cref="SlotPlaces"/> in the same session):
    /// waiting for an officer where the office approves its bookings, approved at once elsewhere.
    /// </summary>
    public static Booking For(Office office, Slot slot, Guid citizenId, string fullName, string phoneNumber, DateTimeOffset at,
        string? procedureCode = null, Guid? dossierId = null, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        Code = PublicCodes.New("LH"),
        OfficeId = office.Id,
        ServiceGroupId = slot.ServiceGroupId,
        SlotId = slot.Id,
        Day = slot.Day,
        Start = slot.Start,
        CitizenId = citizenId,
        FullName = fullName,
        PhoneNumber = phoneNumber,
        ProcedureCode = procedureCode,
        DossierId = dossierId,
        Status = office.RequiresApproval ? BookingStatus.Pending : BookingStatus.Approved,
        CreatedAt = at,
        UpdatedAt = at,
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Short code on the citizen's screen and in the kiosk's QR, e.g. "LH7K2M9Q".</summary>
    public required string Code { get; init; }

    public Guid OfficeId { get; init; }

    public Guid ServiceGroupId { get; init; }

    public Guid SlotId { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly Start { get; set; }

    public Guid CitizenId { get; init; }

    public required string FullName { get; set; }

    public required string PhoneNumber { get; set; }

    /// <summary>A procedure of the Dossiers catalog the visit is about (checked through its Contracts).</summary>
    public string? ProcedureCode { get; init; }

    public Guid? DossierId { get; init; }

    public BookingStatus Status { get; set; }

    /// <summary>True while Pending or Approved: one active booking per citizen, group and day (a unique index).</summary>
    public bool Active { get; set; } = true;

    /// <summary>What the unique index of active bookings compares: citizen, group and day while active, else null.</summary>
    public string? ActiveDayKey => Active ? $"{CitizenId:N}:{ServiceGroupId:N}:{Day:yyyy-MM-dd}" : null;

    public string? RejectionReason { get; set; }

    public bool ReminderSent { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The version the API shows and expects back (0 when created, one more per change the citizen or office sees).</summary>
    public int Version { get; set; }

    /// <summary>Marten's revision of the document: every save checks it, so two concurrent changes cannot both win.</summary>
    [Version]
    public long Revision { get; set; }
}

internal enum TicketStatus
{
    Waiting,
    Called,
    Serving,
    Done,
    Skipped,

    /// <summary>The citizen gave the number up while it waited: it left the queue.</summary>
    Cancelled,
}

internal enum PriorityReason
{
    None,
    Elderly,
    Disability,
    Pregnant,
}

/// <summary>How a ticket's priority was established; only a proven one puts it ahead of the queue.</summary>
internal enum PriorityCheck
{
    /// <summary>Asked for but not proven yet: waits in number order until an officer confirms it ("chờ xác nhận tại quầy").</summary>
    Pending,

    /// <summary>Elderly, by the date of birth in the citizen's profile.</summary>
    ByProfile,

    /// <summary>Confirmed by an officer who saw the papers (CCCD, disability certificate, pregnancy record) or the person.</summary>
    AtCounter,

    /// <summary>An officer found no ground for it: the ticket keeps its number order.</summary>
    Refused,
}

internal enum TicketChannel
{
    Remote,
    Kiosk,
    Booking,
}

/// <summary>A number in the day's queue of a service group (bốc số), as Novo SGA models it: issued → called → serving → done.</summary>
internal sealed class QueueTicket
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid OfficeId { get; init; }

    public Guid ServiceGroupId { get; init; }

    public DateOnly Day { get; init; }

    public int Number { get; init; }

    /// <summary>"HT-012": the group's code and the number, as the screen shows it.</summary>
    public required string Display { get; init; }

    public Guid? CitizenId { get; init; }

    public Guid? BookingId { get; init; }

    public TicketChannel Channel { get; init; }

    public PriorityReason Priority { get; init; }

    /// <summary>Whether the priority asked for is proven; only <see cref="PriorityCheck.ByProfile"/> and <see cref="PriorityCheck.AtCounter"/> count.</summary>
    public PriorityCheck PriorityCheck { get; set; }

    /// <summary>The officer who confirmed or refused the priority.</summary>
    public Guid? PriorityCheckedBy { get; set; }

    /// <summary>Called ahead of the numbers before it: a priority asked for and proven.</summary>
    public bool HasProvenPriority => Priority != PriorityReason.None && PriorityCheck is PriorityCheck.ByProfile or PriorityCheck.AtCounter;

    public TicketStatus Status { get; set; }

    /// <summary>The counter that called it, or the counter it was transferred to (then it waits for that counter).</summary>
    public Guid? CounterId { get; set; }

    public int Recalls { get; set; }

    public bool NearNotified { get; set; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? CalledAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The version the API shows and expects back (0 when created, one more per change the citizen or office sees).</summary>
    public int Version { get; set; }

    /// <summary>Marten's revision of the document: every save checks it, so two concurrent changes cannot both win.</summary>
    [Version]
    public long Revision { get; set; }
}
