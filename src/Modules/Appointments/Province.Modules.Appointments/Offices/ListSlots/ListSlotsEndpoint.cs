using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.ListSlots;

internal static class ListSlotsEndpoint
{
    public static void MapListSlots(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/offices/{officeId:guid}/slots", async Task<Ok<List<SlotResponse>>> (
                Guid officeId, Guid serviceGroupId, DateOnly day, AppointmentsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (today, now) = OfficeTime.Now(clock);
                var blocked = await db.BlockedDays.AnyAsync(b => b.OfficeId == officeId && b.Day == day, cancellationToken);
                var slots = blocked ? [] : await db.Slots.AsNoTracking()
                    .Where(s => s.OfficeId == officeId && s.ServiceGroupId == serviceGroupId && s.Day == day)
                    .OrderBy(s => s.Start)
                    .ToListAsync(cancellationToken);
                return TypedResults.Ok(slots
                    .Where(s => s.Day > today || s.Start > now)
                    .Select(s => new SlotResponse(s.Id, s.Day, s.Start, s.End, Math.Max(0, s.Capacity - s.Booked)))
                    .ToList());
            })
            .WithName("ListAppointmentSlots")
            .WithSummary("Các khung giờ còn đặt được của một nhóm dịch vụ trong một ngày, với số chỗ còn trống.")
            .AllowAnonymous()
            .RequireRateLimiting("anonymous");
}

internal sealed record SlotResponse(Guid Id, DateOnly Day, TimeOnly Start, TimeOnly End, int PlacesLeft);
