using System.Security.Claims;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Live;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Bookings.MyBookings;
using Province.Modules.Appointments.Bookings.OfficeBookings;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings.ChangeBooking;

internal sealed record RescheduleRequest(Guid SlotId, [property: JsonRequired] int Version);

internal sealed record CancelRequest([property: JsonRequired] int Version);

/// <summary>The citizen cancels or moves their own booking, until the office's cut-off.</summary>
internal static class ChangeBookingEndpoints
{
    public static void MapChangeBooking(this IEndpointRouteBuilder citizens)
    {
        citizens.MapPost("/bookings/{id:guid}/cancel", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, CancelRequest request, ClaimsPrincipal user, IAppointmentsStore store, LiveChanges live, TimeProvider clock, CancellationToken cancellationToken) =>
                await ChangeAsync(store, live, id, user.GetCitizenId(), request.Version, clock, async (session, booking, _) =>
                {
                    booking.Status = BookingStatus.Cancelled;
                    booking.Active = false;
                    await SlotPlaces.ReleaseAsync(session, booking.SlotId, cancellationToken);
                    return null;
                }, cancellationToken))
            .WithName("CancelMyBooking")
            .WithSummary("Hủy lịch hẹn (trước giờ hẹn theo quy định của bộ phận một cửa); chỗ được trả lại cho người khác.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/bookings/{id:guid}/reschedule", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, RescheduleRequest request, ClaimsPrincipal user, IAppointmentsStore store, LiveChanges live, TimeProvider clock, CancellationToken cancellationToken) =>
                await ChangeAsync(store, live, id, user.GetCitizenId(), request.Version, clock, async (session, booking, office) =>
                {
                    var slot = await session.LoadAsync<Slot>(request.SlotId, cancellationToken);
                    if (slot is null || slot.OfficeId != booking.OfficeId || slot.ServiceGroupId != booking.ServiceGroupId)
                    {
                        return Problems.BusinessRule("appointments.slot_not_allowed", "Chỉ đổi sang khung giờ khác của cùng nhóm dịch vụ, cùng bộ phận một cửa.");
                    }

                    if (slot.Id == booking.SlotId)
                    {
                        return null;
                    }

                    if (await BookingRules.CheckSlotAsync(session, office, slot, clock, cancellationToken) is { } refusal)
                    {
                        return refusal;
                    }

                    if (!await SlotPlaces.TakeAsync(session, slot, cancellationToken))
                    {
                        return BookingRules.SlotFull();
                    }

                    await SlotPlaces.ReleaseAsync(session, booking.SlotId, cancellationToken);
                    booking.SlotId = slot.Id;
                    booking.Day = slot.Day;
                    booking.Start = slot.Start;
                    return null;
                }, cancellationToken))
            .WithName("RescheduleMyBooking")
            .WithSummary("Đổi lịch hẹn sang khung giờ khác của cùng nhóm dịch vụ (trước giờ hẹn theo quy định).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    /// <summary>
    /// Load the citizen's own booking, check version and cut-off, apply the change and save, all in one
    /// transaction (the slot's places move with the booking or not at all). The booking's revision makes a
    /// concurrent change of the same booking fail instead of being overwritten. The office's day views of the days it
    /// left and is on hear of it.
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> ChangeAsync(
        IAppointmentsStore store, LiveChanges live, Guid id, Guid citizenId, int version, TimeProvider clock,
        Func<IDocumentSession, Booking, Office, Task<ProblemHttpResult?>> change, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var booking = await session.LoadAsync<Booking>(id, cancellationToken);
        if (booking is null || booking.CitizenId != citizenId)
        {
            return MyBookingsEndpoints.BookingNotFound();
        }

        if (booking.Version != version)
        {
            return StaleVersion();
        }

        var office = await session.LoadAsync<Office>(booking.OfficeId, cancellationToken);
        if (office is null)
        {
            return MyBookingsEndpoints.BookingNotFound();
        }

        if (BookingRules.CheckChangeWindow(office, booking, clock) is { } closed)
        {
            return closed;
        }

        var dayBefore = booking.Day;
        try
        {
            if (await change(session, booking, office) is { } problem)
            {
                return problem;
            }

            var now = clock.GetUtcNow().ToUniversalTime();
            booking.Version++;
            booking.UpdatedAt = now;
            session.UpdateRevision(booking, booking.Revision + 1);
            await session.SaveChangesAsync(cancellationToken);
            if (booking.Day != dayBefore)
            {
                live.Publish(BookingChanges.Topic, BookingChanges.Key(booking.OfficeId, dayBefore));
            }

            BookingChanges.Publish(live, booking);
            return TypedResults.Ok(BookingResponse.From(booking, office, BookingReader.Citizen, now));
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // The unique index on active bookings: moving onto a day that already has one.
            return BookingRules.OnePerDay();
        }
        catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
        {
            return StaleVersion();
        }
    }

    internal static ProblemHttpResult StaleVersion() =>
        Problems.Conflict("appointments.stale_version", "Lịch hẹn vừa được thay đổi. Vui lòng tải lại rồi thực hiện lại.");
}
