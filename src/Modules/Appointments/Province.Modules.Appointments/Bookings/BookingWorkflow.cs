using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings;

/// <summary>Who reads a booking: its citizen, or staff of the office's agency.</summary>
internal enum BookingReader
{
    Citizen,
    Staff,
}

/// <summary>
/// The booking's rules in one place: which statuses may still change, until when, and so which actions a reader may take
/// now. The actions check the same rules (<see cref="BookingRules.CheckChangeWindow"/>, the decide endpoint), so a
/// client shows <c>allowedActions</c> and never copies the state machine.
/// </summary>
internal static class BookingWorkflow
{
    /// <summary>Pending or approved: the citizen may still cancel or move it (before the cut-off), it holds a place.</summary>
    public static bool IsOpen(BookingStatus status) => status is BookingStatus.Pending or BookingStatus.Approved;

    /// <summary>The last moment the citizen may cancel or reschedule: the office's cut-off before the appointment.</summary>
    public static DateTimeOffset ChangeCutoff(Office office, Booking booking) =>
        OfficeTime.StartsAt(booking.Day, booking.Start).AddHours(-office.ChangeCutoffHours);

    public static IReadOnlyList<string> AllowedActions(Booking booking, Office office, BookingReader reader, DateTimeOffset now) => reader switch
    {
        BookingReader.Staff when booking.Status == BookingStatus.Pending => ["decide"],
        BookingReader.Citizen when IsOpen(booking.Status) && now < ChangeCutoff(office, booking) => ["cancel", "reschedule"],
        _ => [],
    };
}
