using System.Globalization;
using Province.BuildingBlocks.Live;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings.OfficeBookings;

/// <summary>
/// The live change of an office's bookings of a day (a booking made, cancelled or moved by the citizen): its key is the
/// office and the day, so the office's day view of that day offers to reload.
/// </summary>
internal static class BookingChanges
{
    public const string Topic = "appointments/bookings";

    public const string EventName = "bookings-changed";

    public static string Key(Guid officeId, DateOnly day) => $"{officeId:N}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    /// <summary>Call after the change is committed.</summary>
    public static void Publish(LiveChanges live, Booking booking) => live.Publish(Topic, Key(booking.OfficeId, booking.Day));
}

/// <summary>What a "bookings-changed" event carries: the office and the day whose bookings changed, nothing of the booking.</summary>
internal sealed record BookingsChangedEvent(Guid OfficeId, DateOnly Day);
