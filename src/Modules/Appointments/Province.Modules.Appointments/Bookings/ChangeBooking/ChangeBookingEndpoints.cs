using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Bookings.MyBookings;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings.ChangeBooking;

internal sealed record RescheduleRequest(Guid SlotId, int Version);

internal sealed record CancelRequest(int Version);

/// <summary>The citizen cancels or moves their own booking, until the office's cut-off.</summary>
internal static class ChangeBookingEndpoints
{
    public static void MapChangeBooking(this IEndpointRouteBuilder citizens)
    {
        citizens.MapPost("/bookings/{id:guid}/cancellation", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, CancelRequest request, ClaimsPrincipal user, AppointmentsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
                await ChangeAsync(db, id, user.GetCitizenId(), request.Version, clock, async (booking, _) =>
                {
                    booking.Status = BookingStatus.Cancelled;
                    booking.Active = false;
                    await BookingRules.ReleasePlaceAsync(db, booking.SlotId, cancellationToken);
                    return null;
                }, cancellationToken))
            .WithName("CancelMyBooking")
            .WithSummary("Hủy lịch hẹn (trước giờ hẹn theo quy định của bộ phận một cửa); chỗ được trả lại cho người khác.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/bookings/{id:guid}/reschedule", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, RescheduleRequest request, ClaimsPrincipal user, AppointmentsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
                await ChangeAsync(db, id, user.GetCitizenId(), request.Version, clock, async (booking, office) =>
                {
                    var slot = await db.Slots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.SlotId, cancellationToken);
                    if (slot is null || slot.OfficeId != booking.OfficeId || slot.ServiceGroupId != booking.ServiceGroupId)
                    {
                        return Problems.BusinessRule("appointments.slot_not_allowed", "Chỉ đổi sang khung giờ khác của cùng nhóm dịch vụ, cùng bộ phận một cửa.");
                    }

                    if (slot.Id == booking.SlotId)
                    {
                        return null;
                    }

                    if (await BookingRules.CheckSlotAsync(db, office, slot, clock, cancellationToken) is { } refusal)
                    {
                        return refusal;
                    }

                    if (!await BookingRules.TakePlaceAsync(db, slot.Id, cancellationToken))
                    {
                        return BookingRules.SlotFull();
                    }

                    await BookingRules.ReleasePlaceAsync(db, booking.SlotId, cancellationToken);
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
    /// transaction (the slot counters move with the booking or not at all).
    /// </summary>
    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> ChangeAsync(
        AppointmentsDbContext db, Guid id, Guid citizenId, int version, TimeProvider clock,
        Func<Booking, Office, Task<ProblemHttpResult?>> change, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == id && b.CitizenId == citizenId, cancellationToken);
        if (booking is null)
        {
            return MyBookingsEndpoints.BookingNotFound();
        }

        if (booking.Version != version)
        {
            return Problems.Conflict("appointments.stale_version", "Lịch hẹn vừa được thay đổi. Vui lòng tải lại rồi thực hiện lại.");
        }

        var office = await db.Offices.AsNoTracking().SingleAsync(o => o.Id == booking.OfficeId, cancellationToken);
        if (BookingRules.CheckChangeWindow(office, booking, clock) is { } closed)
        {
            return closed;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await change(booking, office) is { } problem)
            {
                return problem;
            }

            booking.Version++;
            booking.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.Ok(BookingResponse.From(booking));
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // The unique index on active bookings: moving onto a day that already has one.
            return BookingRules.OnePerDay();
        }
    }
}
