using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.ListSlots;

internal static class ListSlotsEndpoint
{
    public static void MapListSlots(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/offices/{officeId:guid}/slots", async Task<Ok<List<SlotResponse>>> (
                Guid officeId, Guid serviceGroupId, DateOnly day, IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (today, now) = OfficeTime.Now(clock);
                await using var session = store.QuerySession();
                var blocked = await session.LoadAsync<BlockedDay>(BlockedDays.IdFor(officeId, day), cancellationToken) is not null;
                var slots = blocked ? [] : (await session.Query<Slot>()
                    .Where(s => s.OfficeId == officeId && s.ServiceGroupId == serviceGroupId && s.Day == day)
                    .ToListAsync(cancellationToken))
                    .Where(s => s.Day > today || s.Start > now)
                    .OrderBy(s => s.Start)
                    .ToList();
                var booked = await SlotPlaces.BookedAsync(session, [.. slots.Select(s => s.Id)], cancellationToken);
                return TypedResults.Ok(slots
                    .Select((s, i) => new SlotResponse(s.Id, s.Day, s.Start, s.End, Math.Max(0, s.Capacity - booked[i])))
                    .ToList());
            })
            .WithName("ListAppointmentSlots")
            .WithSummary("Các khung giờ còn đặt được của một nhóm dịch vụ trong một ngày, với số chỗ còn trống.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}

internal sealed record SlotResponse(Guid Id, DateOnly Day, TimeOnly Start, TimeOnly End, int PlacesLeft);
