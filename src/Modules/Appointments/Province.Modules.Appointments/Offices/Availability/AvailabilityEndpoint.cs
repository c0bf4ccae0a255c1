using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.Availability;

/// <summary>
/// One day of the calendar: <c>status</c> is <c>available</c> (places left), <c>full</c>, <c>closed</c> (no opening
/// hours that weekday) or <c>blocked</c> (a holiday or other blocked day, with its reason).
/// </summary>
internal sealed record AvailabilityDay(DateOnly Date, string Status, string StatusText, string? BlockedReason, int Slots, int PlacesLeft);

internal sealed record AvailabilityResponse(Guid OfficeId, string OfficeName, Guid ServiceGroupId, string ServiceGroupName, DateOnly From, DateOnly To, IReadOnlyList<AvailabilityDay> Days);

internal static class AvailabilityEndpoint
{
    public static void MapAvailability(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/offices/{officeId:guid}/availability", async Task<Results<Ok<AvailabilityResponse>, ProblemHttpResult>> (
                Guid officeId, Guid serviceGroupId, DateOnly? from, DateOnly? to, IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (today, now) = OfficeTime.Now(clock);
                await using var session = store.QuerySession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                var group = office.ServiceGroups.SingleOrDefault(g => g.Id == serviceGroupId);
                if (group is null)
                {
                    return Problems.NotFound("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này.");
                }

                // Never outside the booking window: from today to the office's horizon.
                var last = today.AddDays(office.BookingHorizonDays);
                var first = from is { } f && f > today ? f : today;
                var end = to is { } t && t < last ? t : last;
                if (end < first)
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, "validation.bad_parameter", "Tham số không hợp lệ",
                        "Khoảng ngày from-to phải nằm trong thời gian nhận đặt lịch của bộ phận một cửa.");
                }

                var blocked = (await session.Query<BlockedDay>().Where(b => b.OfficeId == officeId && b.Day >= first && b.Day <= end).ToListAsync(cancellationToken))
                    .ToDictionary(b => b.Day, b => b.Reason);
                var slots = (await session.Query<Slot>()
                        .Where(s => s.OfficeId == officeId && s.ServiceGroupId == serviceGroupId && s.Day >= first && s.Day <= end)
                        .ToListAsync(cancellationToken))
                    .Where(s => s.Day > today || s.Start > now)
                    .ToList();
                var booked = await SlotPlaces.BookedAsync(session, [.. slots.Select(s => s.Id)], cancellationToken);
                var left = slots.Select((s, i) => (s.Day, Left: Math.Max(0, s.Capacity - booked[i]))).ToList();

                var days = new List<AvailabilityDay>();
                for (var day = first; day <= end; day = day.AddDays(1))
                {
                    if (blocked.TryGetValue(day, out var reason))
                    {
                        days.Add(new AvailabilityDay(day, "blocked", "Nghỉ (không nhận đặt lịch)", reason, 0, 0));
                        continue;
                    }

                    if (office.OpeningHours.All(h => h.Day != day.DayOfWeek))
                    {
                        days.Add(new AvailabilityDay(day, "closed", "Không làm việc", null, 0, 0));
                        continue;
                    }

                    var ofDay = left.Where(l => l.Day == day).ToList();
                    var places = ofDay.Sum(l => l.Left);
                    days.Add(places > 0
                        ? new AvailabilityDay(day, "available", "Còn chỗ", null, ofDay.Count(l => l.Left > 0), places)
                        : new AvailabilityDay(day, "full", "Hết chỗ", null, 0, 0));
                }

                return TypedResults.Ok(new AvailabilityResponse(office.Id, office.Name, group.Id, group.Name, first, end, days));
            })
            .WithName("GetOfficeAvailability")
            .WithSummary("Lịch còn chỗ của một nhóm dịch vụ: mỗi ngày trong thời gian nhận đặt lịch với số khung giờ và số chỗ còn trống; ngày nghỉ, ngày bị chặn được đánh dấu.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}
