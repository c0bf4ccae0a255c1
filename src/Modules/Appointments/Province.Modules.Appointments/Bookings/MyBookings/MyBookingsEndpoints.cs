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
                int? page, int? pageSize, ClaimsPrincipal user, IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                var mine = session.Query<Booking>().Where(b => b.CitizenId == citizenId);
                var total = await mine.CountAsync(cancellationToken);
                var items = await mine.OrderByDescending(b => b.Day).ThenByDescending(b => b.Start).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                var offices = await OfficesOfAsync(session, items, cancellationToken);
                var now = clock.GetUtcNow();
                return TypedResults.Ok(new PagedResult<BookingResponse>(
                    [.. items.Select(b => BookingResponse.From(b, offices[b.OfficeId], BookingReader.Citizen, now))], paging.Page, paging.PageSize, total));
            })
            .WithName("ListMyBookings")
            .WithSummary("Lịch hẹn của tôi, mới nhất trước.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/bookings/{id:guid}", async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var booking = await session.LoadAsync<Booking>(id, cancellationToken);
                var office = booking is null || booking.CitizenId != user.GetCitizenId() ? null : await session.LoadAsync<Office>(booking.OfficeId, cancellationToken);
                return booking is null || office is null
                    ? BookingNotFound()
                    : TypedResults.Ok(BookingResponse.From(booking, office, BookingReader.Citizen, clock.GetUtcNow()));
            })
            .WithName("GetMyBooking")
            .WithSummary("Một lịch hẹn của tôi.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    /// <summary>The offices of a page of bookings, by id, read in one round trip (for their names and cut-offs).</summary>
    internal static async Task<IReadOnlyDictionary<Guid, Office>> OfficesOfAsync(IQuerySession session, IEnumerable<Booking> bookings, CancellationToken cancellationToken)
    {
        var ids = bookings.Select(b => b.OfficeId).Distinct().ToArray();
        var offices = ids.Length == 0 ? [] : await session.LoadManyAsync<Office>(cancellationToken, ids);
        return offices.ToDictionary(o => o.Id);
    }

    /// <summary>Someone else's booking answers like a missing one.</summary>
    internal static ProblemHttpResult BookingNotFound() => Problems.NotFound("appointments.booking_not_found", "Không tìm thấy lịch hẹn.");
}
