using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Bookings.MyBookings;

internal static class MyBookingsEndpoints
{
    public static void MapMyBookings(this IEndpointRouteBuilder citizens)
    {
        citizens.MapGet("/bookings", async Task<Ok<PagedResult<BookingResponse>>> (
                int? page, int? pageSize, ClaimsPrincipal user, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                var mine = session.Query<Booking>().Where(b => b.CitizenId == citizenId);
                var total = await mine.CountAsync(cancellationToken);
                var items = await mine.OrderByDescending(b => b.Day).ThenByDescending(b => b.Start).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<BookingResponse>([.. items.Select(BookingResponse.From)], paging.Page, paging.PageSize, total));
            })
            .WithName("ListMyBookings")
            .WithSummary("Lịch hẹn của tôi, mới nhất trước.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/bookings/{id:guid}", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var booking = await session.LoadAsync<Booking>(id, cancellationToken);
                return booking is null || booking.CitizenId != user.GetCitizenId() ? BookingNotFound() : TypedResults.Ok(BookingResponse.From(booking));
            })
            .WithName("GetMyBooking")
            .WithSummary("Một lịch hẹn của tôi.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    /// <summary>Someone else's booking answers like a missing one.</summary>
    internal static ProblemHttpResult BookingNotFound() => Problems.NotFound("appointments.booking_not_found", "Không tìm thấy lịch hẹn.");
}
