using System.Security.Claims;
using System.Text.Json.Serialization;
using Marten;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Bookings.ChangeBooking;
using Province.Modules.Appointments.Bookings.MyBookings;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings.OfficeBookings;

internal sealed record DecideBookingRequest(bool Approve, string? Reason, [property: JsonRequired] int Version);

internal sealed class DecideBookingRequestValidator : AbstractValidator<DecideBookingRequest>
{
    public DecideBookingRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Vui lòng ghi rõ lý do từ chối.").MaximumLength(500).When(r => !r.Approve);
}

/// <summary>The office's side of bookings: the day's list, and approving or rejecting pending ones.</summary>
internal static class OfficeBookingsEndpoints
{
    public static void MapOfficeBookings(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/offices/{officeId:guid}/bookings", async Task<Results<Ok<List<BookingResponse>>, ProblemHttpResult>> (
                Guid officeId, DateOnly day, string? status, ClaimsPrincipal user, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (!user.MayManage(office))
                {
                    return OfficeAccess.NotYourOffice();
                }

                var bookings = await session.Query<Booking>().Where(b => b.OfficeId == officeId && b.Day == day)
                    .OrderBy(b => b.Start).ToListAsync(cancellationToken);
                return TypedResults.Ok(bookings.Select(BookingResponse.From)
                    .Where(b => status is null || string.Equals(b.Status, status, StringComparison.OrdinalIgnoreCase)).ToList());
            })
            .WithName("ListOfficeBookings")
            .WithSummary("Lịch hẹn của bộ phận một cửa trong một ngày (lọc theo trạng thái).")
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/bookings/{id:guid}/decide", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, DecideBookingRequest request, ClaimsPrincipal user, IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var booking = await session.LoadAsync<Booking>(id, cancellationToken);
                var office = booking is null ? null : await session.LoadAsync<Office>(booking.OfficeId, cancellationToken);
                if (booking is null || office is null || !user.MayManage(office))
                {
                    return MyBookingsEndpoints.BookingNotFound();
                }

                if (booking.Version != request.Version)
                {
                    return ChangeBookingEndpoints.StaleVersion();
                }

                if (booking.Status != BookingStatus.Pending)
                {
                    return Problems.Conflict("appointments.not_pending", $"Chỉ duyệt lịch hẹn đang chờ duyệt; lịch này đang ở trạng thái \"{BookingResponse.Text(booking.Status)}\".");
                }

                var now = clock.GetUtcNow().ToUniversalTime();
                booking.Status = request.Approve ? BookingStatus.Approved : BookingStatus.Rejected;
                if (!request.Approve)
                {
                    booking.Active = false;
                    booking.RejectionReason = request.Reason!.Trim();
                    await SlotPlaces.ReleaseAsync(session, booking.SlotId, cancellationToken);
                }

                booking.Version++;
                booking.UpdatedAt = now;
                session.UpdateRevision(booking, booking.Revision + 1);
                session.PublishIntegrationEvent(new AppointmentDecided(Guid.CreateVersion7(), now, booking.Id, booking.Code, booking.CitizenId, request.Approve, booking.RejectionReason));
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
                {
                    // Two officers deciding at once, or the citizen cancelling meanwhile: the first change stands.
                    return ChangeBookingEndpoints.StaleVersion();
                }

                return TypedResults.Ok(BookingResponse.From(booking));
            })
            .WithName("DecideBooking")
            .WithSummary("Cán bộ duyệt hoặc từ chối (ghi rõ lý do) lịch hẹn đang chờ duyệt.")
            .Validate<DecideBookingRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);
    }
}
