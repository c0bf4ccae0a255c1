using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.GenerateSlots;

internal static class GenerateSlotsEndpoint
{
    public static void MapGenerateSlots(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/offices/{officeId:guid}/slots", async Task<Results<Ok<GenerateSlotsResponse>, ProblemHttpResult>> (
                Guid officeId, GenerateSlotsRequest request, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (office.ServiceGroups.All(g => g.Id != request.ServiceGroupId))
                {
                    return Problems.BusinessRule("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này.");
                }

                var planned = await SlotPlanner.PlanAsync(session, office, request.ServiceGroupId, request.From, request.To, request.SlotMinutes, request.Capacity, cancellationToken);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(planned);
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
    public GenerateSlotsRequestValidator(TimeProvider clock)
    {
        // Slots are planned for the coming months, not for year 9999 (where stepping a day past the last date fails).
        var today = clock.TodayInVietnam();
        RuleFor(r => r.ServiceGroupId).NotEmpty().WithMessage("Vui lòng chọn nhóm dịch vụ.");
        RuleFor(r => r.From).Must(d => d >= today.AddYears(-1) && d <= today.AddYears(2))
            .WithMessage("Ngày bắt đầu phải trong khoảng từ một năm trước đến hai năm tới.");
        RuleFor(r => r.To).Must(d => d >= today.AddYears(-1) && d <= today.AddYears(2))
            .WithMessage("Ngày kết thúc phải trong khoảng từ một năm trước đến hai năm tới.");
        RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).WithMessage("Ngày kết thúc phải sau ngày bắt đầu.");
        RuleFor(r => r).Must(r => r.To.DayNumber - r.From.DayNumber <= 180).WithMessage("Mỗi lần tạo tối đa 180 ngày.");
        RuleFor(r => r.SlotMinutes).InclusiveBetween(5, 240).WithName("Độ dài khung giờ (phút)");
        RuleFor(r => r.Capacity).InclusiveBetween(1, 1000).WithName("Số chỗ mỗi khung");
    }
}

/// <summary>Turns opening hours into slots, skipping closed weekdays and blocked days (holidays); the caller saves them.</summary>
internal static class SlotPlanner
{
    public static async Task<GenerateSlotsResponse> PlanAsync(
        IDocumentSession session, Office office, Guid serviceGroupId, DateOnly from, DateOnly to, int slotMinutes, int capacity, CancellationToken cancellationToken)
    {
        var blocked = (await session.Query<BlockedDay>().Where(b => b.OfficeId == office.Id && b.Day >= from && b.Day <= to).ToListAsync(cancellationToken))
            .Select(b => b.Day).ToHashSet();
        var existing = (await session.Query<Slot>().Where(s => s.OfficeId == office.Id && s.ServiceGroupId == serviceGroupId && s.Day >= from && s.Day <= to)
            .ToListAsync(cancellationToken)).Select(s => (s.Day, s.Start)).ToHashSet();
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

                session.Insert(new Slot { OfficeId = office.Id, ServiceGroupId = serviceGroupId, Day = day, Start = start, End = start.AddMinutes(slotMinutes), Capacity = capacity });
                created++;
            }
        }

        return new GenerateSlotsResponse(created, already, closed);
    }
}
