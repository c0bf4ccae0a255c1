using Province.BuildingBlocks.Messaging;

namespace Province.Modules.Appointments.Contracts;

/// <summary>A citizen booked a time at a one-stop office (confirmed, or pending the office's approval).</summary>
public sealed record AppointmentBooked(
    Guid Id, DateTimeOffset OccurredAt, Guid BookingId, string BookingCode, Guid CitizenId, Guid OfficeId, string OfficeName,
    string ServiceGroupName, DateTimeOffset StartsAt, bool Confirmed) : IIntegrationEvent;

/// <summary>The office approved or rejected a pending booking; <paramref name="Reason"/> says why when rejected.</summary>
public sealed record AppointmentDecided(
    Guid Id, DateTimeOffset OccurredAt, Guid BookingId, string BookingCode, Guid CitizenId, bool Approved, string? Reason) : IIntegrationEvent;

/// <summary>An appointment is near (sent once, <c>Appointments:ReminderLeadTime</c> before it starts).</summary>
public sealed record AppointmentReminderDue(
    Guid Id, DateTimeOffset OccurredAt, Guid BookingId, string BookingCode, Guid CitizenId, string OfficeName,
    string ServiceGroupName, DateTimeOffset StartsAt) : IIntegrationEvent;

/// <summary>A citizen's queue number is about to be called: <paramref name="Ahead"/> people are before them.</summary>
public sealed record QueueTicketNearlyCalled(
    Guid Id, DateTimeOffset OccurredAt, Guid TicketId, string TicketNumber, Guid CitizenId, string OfficeName, int Ahead) : IIntegrationEvent;

/// <summary>A citizen's queue number was called to a counter.</summary>
public sealed record QueueTicketCalled(
    Guid Id, DateTimeOffset OccurredAt, Guid TicketId, string TicketNumber, Guid? CitizenId, Guid OfficeId, string CounterName) : IIntegrationEvent;
