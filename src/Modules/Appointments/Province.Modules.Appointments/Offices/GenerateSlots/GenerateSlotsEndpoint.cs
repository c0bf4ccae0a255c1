using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.GenerateSlots;

internal static class GenerateSlotsEndpoint
{
    public static void MapGenerateSlots(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/offices/{officeId:guid}/slots", async Task<Results<Ok<GenerateSlotsResponse>, ProblemHttpResult>> (
                Guid officeId, GenerateSlotsRequest request, AppointmentsDbContext db, CancellationToken cancellationToken) =>
            {
                var office = await db.Offices.Include(o => o.ServiceGroups).SingleOrDefaultAsync(o => o.Id == officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (office.ServiceGroups.All(g => g.Id != request.ServiceGroupId))
                {
                    return Problems.BusinessRule("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này.");
                }

                return TypedResults.Ok(await SlotPlanner.PlanAsync(db, office, request.ServiceGroupId, request.From, request.To, request.SlotMinutes, request.Capacity, cancellationToken));
            })
            .WithName("GenerateAppointmentSlots")
            .WithSummary("Quản trị tạo khung giờ đặt lịch cho một nhóm dịch vụ trong khoảng ngày, theo giờ làm việc, bỏ qua ngày nghỉ; khung đã có được giữ nguyên.")
            .Validate<GenerateSlotsRequest>()
            .RequireAuthorization(ProvincePolicies.Administrator);
}

internal sealed record GenerateSlotsRequest(Guid ServiceGroupId, DateOnly From, DateOnly To, int SlotMinutes, int Capacity);

internal sealed record GenerateSlotsResponse(int Created, int AlreadyThere, int ClosedDays);

internal sealed class GenerateSlotsRequestValidator : AbstractValidator<GenerateSlotsRequest>
{
    public GenerateSlotsRequestValidator()
    {
        RuleFor(r => r.ServiceGroupId).NotEmpty().WithMessage("Vui lòng chọn nhóm dịch vụ.");
        RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).WithMessage("Ngày kết thúc phải sau ngày bắt đầu.");
        RuleFor(r => r).Must(r => r.To.DayNumber - r.From.DayNumber <= 180).WithMessage("Mỗi lần tạo tối đa 180 ngày.");
        RuleFor(r => r.SlotMinutes).InclusiveBetween(5, 240).WithName("Độ dài khung giờ (phút)");
        RuleFor(r => r.Capacity).InclusiveBetween(1, 1000).WithName("Số chỗ mỗi khung");
    }
}

/// <summary>Turns opening hours into slots, skipping closed weekdays and blocked days (holidays).</summary>
internal static class SlotPlanner
{
    public static async Task<GenerateSlotsResponse> PlanAsync(
        AppointmentsDbContext db, Office office, Guid serviceGroupId, DateOnly from, DateOnly to, int slotMinutes, int capacity, CancellationToken cancellationToken)
    {
        var blocked = await db.BlockedDays.Where(b => b.OfficeId == office.Id && b.Day >= from && b.Day <= to).Select(b => b.Day).ToListAsync(cancellationToken);
        var existing = (await db.Slots.Where(s => s.OfficeId == office.Id && s.ServiceGroupId == serviceGroupId && s.Day >= from && s.Day <= to)
            .Select(s => new { s.Day, s.Start }).ToListAsync(cancellationToken)).Select(s => (s.Day, s.Start)).ToHashSet();
        int created = 0, already = 0, closed = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var hours = office.OpeningHours.FirstOrDefault(h => h.Day == day.DayOfWeek);
            if (hours is null || blocked.Contains(day))
            {
                closed++;
                continue;
            }

            for (var start = hours.Opens; start.AddMinutes(slotMinutes) <= hours.Closes && start.AddMinutes(slotMinutes) > start; start = start.AddMinutes(slotMinutes))
            {
                if (existing.Contains((day, start)))
                {
                    already++;
                    continue;
                }

                db.Slots.Add(new Slot { OfficeId = office.Id, ServiceGroupId = serviceGroupId, Day = day, Start = start, End = start.AddMinutes(slotMinutes), Capacity = capacity });
                created++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new GenerateSlotsResponse(created, already, closed);
    }
}
