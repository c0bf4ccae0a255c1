using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Bookings.MyBookings;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings.OfficeBookings;

internal sealed record DecideBookingRequest(bool Approve, string? Reason, int Version);

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
                Guid officeId, DateOnly day, string? status, ClaimsPrincipal user, AppointmentsDbContext db, CancellationToken cancellationToken) =>
            {
                var office = await db.Offices.AsNoTracking().SingleOrDefaultAsync(o => o.Id == officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (!user.MayManage(office))
                {
                    return OfficeAccess.NotYourOffice();
                }

                var bookings = await db.Bookings.AsNoTracking().Where(b => b.OfficeId == officeId && b.Day == day)
                    .OrderBy(b => b.Start).ToListAsync(cancellationToken);
                return TypedResults.Ok(bookings.Select(BookingResponse.From)
                    .Where(b => status is null || string.Equals(b.Status, status, StringComparison.OrdinalIgnoreCase)).ToList());
            })
            .WithName("ListOfficeBookings")
            .WithSummary("Lịch hẹn của bộ phận một cửa trong một ngày (lọc theo trạng thái).")
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/bookings/{id:guid}/decision", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, DecideBookingRequest request, ClaimsPrincipal user, AppointmentsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
                var office = booking is null ? null : await db.Offices.AsNoTracking().SingleAsync(o => o.Id == booking.OfficeId, cancellationToken);
                if (booking is null || office is null || !user.MayManage(office))
                {
                    return MyBookingsEndpoints.BookingNotFound();
                }

                if (booking.Version != request.Version)
                {
                    return Problems.Conflict("appointments.stale_version", "Lịch hẹn vừa được thay đổi. Vui lòng tải lại rồi thực hiện lại.");
                }

                if (booking.Status != BookingStatus.Pending)
                {
                    return Problems.Conflict("appointments.not_pending", $"Chỉ duyệt lịch hẹn đang chờ duyệt; lịch này đang ở trạng thái \"{BookingResponse.Text(booking.Status)}\".");
                }

                var now = clock.GetUtcNow();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                booking.Status = request.Approve ? BookingStatus.Approved : BookingStatus.Rejected;
                if (!request.Approve)
                {
                    booking.Active = false;
                    booking.RejectionReason = request.Reason!.Trim();
                    await BookingRules.ReleasePlaceAsync(db, booking.SlotId, cancellationToken);
                }

                booking.Version++;
                booking.UpdatedAt = now;
                db.AddIntegrationEvent(new AppointmentDecided(Guid.CreateVersion7(), now, booking.Id, booking.Code, booking.CitizenId, request.Approve, booking.RejectionReason));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return TypedResults.Ok(BookingResponse.From(booking));
            })
            .WithName("DecideBooking")
            .WithSummary("Cán bộ duyệt hoặc từ chối (ghi rõ lý do) lịch hẹn đang chờ duyệt.")
            .Validate<DecideBookingRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);
    }
}
