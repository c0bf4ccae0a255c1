using System.Security.Claims;
using Marten;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Queue.TakeTicket;

namespace Province.Modules.Appointments.Queue.Kiosk;

internal sealed record KioskTicketRequest(Guid ServiceGroupId, string? Priority);

internal sealed record CheckInRequest(string BookingCode);

internal sealed class KioskTicketRequestValidator : AbstractValidator<KioskTicketRequest>
{
    public KioskTicketRequestValidator() => RuleFor(r => r.ServiceGroupId).NotEmpty().WithMessage("Vui lòng chọn nhóm dịch vụ.");
}

internal sealed class CheckInRequestValidator : AbstractValidator<CheckInRequest>
{
    public CheckInRequestValidator() => RuleFor(r => r.BookingCode).NotEmpty().MaximumLength(12).WithName("Mã lịch hẹn");
}

/// <summary>
/// The kiosk in the office hall, signed in with an account of the office's agency: numbers for
/// walk-ins, and check-in of a booking by the QR code on the citizen's phone.
/// </summary>
internal static class KioskEndpoints
{
    public static void MapKiosk(this IEndpointRouteBuilder staff)
    {
        staff.MapPost("/offices/{officeId:guid}/kiosk/tickets", async Task<Results<Created<TicketResponse>, ProblemHttpResult>> (
                Guid officeId, KioskTicketRequest request, ClaimsPrincipal user, IAppointmentsStore store, TicketIssuer issuer, QueueReader reader, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (!user.MayManage(office))
                {
                    return OfficeAccess.NotYourOffice();
                }

                var issue = await issuer.IssueAsync(session, office,
                    // The kiosk is pressed by whoever stands at it: a priority waits for an officer's confirmation like a remote one.
                    new TicketOrder(request.ServiceGroupId, TicketChannel.Kiosk, TakeTicketEndpoints.ParsePriority(request.Priority), PriorityCheck.Pending),
                    null, cancellationToken);
                return issue.Problem ?? (Results<Created<TicketResponse>, ProblemHttpResult>)TypedResults.Created(
                    $"/api/staff/appointments/tickets/{issue.Ticket!.Id}", await reader.DescribeAsync(issue.Ticket, forStaff: true, issue.AtIssue, cancellationToken));
            })
            .WithName("IssueKioskTicket")
            .WithSummary("Máy lấy số tại sảnh cấp số cho người đến trực tiếp.")
            .Validate<KioskTicketRequest>()
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/offices/{officeId:guid}/kiosk/check-ins", async Task<Results<Created<TicketResponse>, ProblemHttpResult>> (
                Guid officeId, CheckInRequest request, ClaimsPrincipal user, IAppointmentsStore store, TicketIssuer issuer, QueueReader reader,
                TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (!user.MayManage(office))
                {
                    return OfficeAccess.NotYourOffice();
                }

                var (today, _) = OfficeTime.Now(clock);
                var code = request.BookingCode.Trim().ToUpperInvariant();
                var booking = await session.Query<Booking>().SingleOrDefaultAsync(b => b.Code == code && b.OfficeId == officeId, cancellationToken);
                if (booking is null)
                {
                    return Problems.NotFound("appointments.booking_not_found", "Không tìm thấy lịch hẹn với mã này tại bộ phận một cửa.");
                }

                if (booking.Status != BookingStatus.Approved || booking.Day != today)
                {
                    return Problems.BusinessRule("appointments.check_in_refused", booking.Day != today
                        ? $"Lịch hẹn này vào ngày {booking.Day:dd/MM/yyyy}, không phải hôm nay."
                        : $"Lịch hẹn đang ở trạng thái \"{Bookings.BookingResponse.Text(booking.Status)}\", chưa thể nhận số.");
                }

                var issue = await issuer.IssueAsync(session, office,
                    new TicketOrder(booking.ServiceGroupId, TicketChannel.Booking, PriorityReason.None, PriorityCheck.Pending) { CitizenId = booking.CitizenId, BookingId = booking.Id },
                    _ =>
                    {
                        booking.Status = BookingStatus.CheckedIn;
                        booking.Active = false;
                        booking.Version++;
                        // Checked in once: a second scan of the same code at the same moment fails on the revision.
                        session.UpdateRevision(booking, booking.Revision + 1);
                    }, cancellationToken);
                return issue.Problem ?? (Results<Created<TicketResponse>, ProblemHttpResult>)TypedResults.Created(
                    $"/api/staff/appointments/tickets/{issue.Ticket!.Id}", await reader.DescribeAsync(issue.Ticket, forStaff: true, issue.AtIssue, cancellationToken));
            })
            .WithName("CheckInBooking")
            .WithSummary("Quét mã QR lịch hẹn tại máy lấy số: nhận số thứ tự cho lịch hẹn hôm nay.")
            .Validate<CheckInRequest>()
            .RequireAuthorization(ProvincePolicies.Staff);
    }

    /// <summary>An office with its counters and service groups (one document).</summary>
    internal static async Task<Office?> LoadAsync(IAppointmentsStore store, Guid officeId, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Office>(officeId, cancellationToken);
    }
}
