using Marten;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Appointments.Data;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Appointments.Privacy;

/// <summary>
/// The citizen deleted their profile (Decree 13/2023): their coming appointments are cancelled (the place goes back
/// to others, nobody waits at the counter for them) and every booking of theirs loses the name and phone number it
/// was made with. The bookings stay, without them, in the office's figures.
/// </summary>
internal sealed class CitizenDeletedHandler(IAppointmentsStore store, TimeProvider clock)
    : IdempotentEventConsumer<CitizenDeleted, IAppointmentsStore>(store, clock)
{
    protected override async Task ApplyAsync(CitizenDeleted integrationEvent, IDocumentSession session, CancellationToken cancellationToken)
    {
        var bookings = await session.Query<Booking>().Where(b => b.CitizenId == integrationEvent.CitizenId).ToListAsync(cancellationToken);
        foreach (var booking in bookings)
        {
            if (booking.Active)
            {
                booking.Status = BookingStatus.Cancelled;
                booking.Active = false;
                await SlotPlaces.ReleaseAsync(session, booking.SlotId, cancellationToken);
            }

            booking.FullName = "";
            booking.PhoneNumber = "";
            session.Store(booking);
        }
    }
}
