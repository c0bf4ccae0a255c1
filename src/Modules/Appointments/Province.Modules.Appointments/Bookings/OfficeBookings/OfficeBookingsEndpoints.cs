using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Live;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Text;
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
        staff.MapGet("/offices/{officeId:guid}/bookings", async Task<Results<Ok<PagedResult<BookingResponse>>, ValidationProblem, ProblemHttpResult>> (
                Guid officeId, DateOnly day, string? status, string? q, int? page, int? pageSize,
                ClaimsPrincipal user, IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                BookingStatus? parsedStatus = null;
                if (status is not null)
                {
                    if (!Enum.TryParse<BookingStatus>(status, ignoreCase: true, out var named) || !Enum.IsDefined(named) || int.TryParse(status, out _))
                    {
                        return Problems.Validation(new Dictionary<string, string[]>
                        {
                            ["status"] = [$"Trạng thái không hợp lệ. Giá trị hợp lệ: {string.Join(", ", Enum.GetValues<BookingStatus>().Select(s => EnumNames.Camel(s)))}."],
                        });
                    }

                    parsedStatus = named;
                }

                await using var session = store.QuerySession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (user.CannotManage(office, out var refusal))
                {
                    return refusal;
                }

                // An office's day holds a few hundred bookings at most: the search runs on the day's list in memory.
                var ofTheDay = await session.Query<Booking>().Where(b => b.OfficeId == officeId && b.Day == day)
                    .OrderBy(b => b.Start).ThenBy(b => b.CreatedAt).ToListAsync(cancellationToken);
                var words = VietnameseText.Words(q);
                var matching = ofTheDay
                    .Where(b => parsedStatus is null || b.Status == parsedStatus)
                    .Where(b => words.Length == 0 || words.All(w => VietnameseText.Fold($"{b.Code} {b.FullName} {b.PhoneNumber}").Contains(w, StringComparison.Ordinal)))
                    .ToList();
                var paging = PageRequest.From(page, pageSize);
                var now = clock.GetUtcNow();
                return TypedResults.Ok(new PagedResult<BookingResponse>(
                    [.. matching.Skip(paging.Skip).Take(paging.PageSize).Select(b => BookingResponse.From(b, office, BookingReader.Staff, now))],
                    paging.Page, paging.PageSize, matching.Count));
            })
            .WithName("ListOfficeBookings")
            .WithSummary("Lịch hẹn của bộ phận một cửa trong một ngày, theo giờ hẹn; lọc status (pending, approved, rejected, cancelled, checkedIn), " +
                "q tìm theo mã hẹn, họ tên (không dấu cũng được), số điện thoại; có phân trang và tổng số.")
            .ProducesValidationProblem()
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapGet("/offices/{officeId:guid}/bookings/stream", async Task<Results<LiveChangeStream<BookingsChangedEvent>, ProblemHttpResult>> (
                Guid officeId, DateOnly day, ClaimsPrincipal user, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (user.CannotManage(office, out var refusal))
                {
                    return refusal;
                }

                return new LiveChangeStream<BookingsChangedEvent>(BookingChanges.Topic, BookingChanges.Key(officeId, day), BookingChanges.EventName,
                    JsonSerializer.Serialize(new BookingsChangedEvent(officeId, day), JsonSerializerOptions.Web));
            })
            .WithName("StreamOfficeBookings")
            .WithSummary("Luồng sự kiện (text/event-stream) \"bookings-changed\": báo mỗi khi người dân đặt, hủy hoặc đổi một lịch hẹn của bộ phận " +
                "trong ngày day; sự kiện chỉ mang mã bộ phận và ngày, không mang thông tin lịch hẹn; dòng chú thích giữ kết nối, " +
                "máy chủ đóng luồng sau 30 phút (trình duyệt tự kết nối lại).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
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

                return TypedResults.Ok(BookingResponse.From(booking, office, BookingReader.Staff, now));
            })
            .WithName("DecideBooking")
            .WithSummary("Cán bộ duyệt hoặc từ chối (ghi rõ lý do) lịch hẹn đang chờ duyệt.")
            .Validate<DecideBookingRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);
    }
}
