using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Calendar;

/// <summary>A day of the working calendar that is not an ordinary weekday or weekend: from configuration or added by an administrator.</summary>
internal sealed record CalendarDayResponse(DateOnly Date, string Kind, string KindText, string? Name, string Source, string SourceText);

internal sealed record CalendarResponse(int Year, IReadOnlyList<CalendarDayResponse> Days);

internal sealed record AddCalendarDayRequest(DateOnly Date, string Kind, string Name);

internal sealed class AddCalendarDayRequestValidator : AbstractValidator<AddCalendarDayRequest>
{
    public AddCalendarDayRequestValidator()
    {
        RuleFor(r => r.Date).Must(d => d.Year is >= 2000 and <= 2100).WithMessage("Ngày phải trong khoảng năm 2000 đến 2100.");
        RuleFor(r => r.Kind).Must(k => k is "holiday" or "workingWeekendDay").WithMessage("Loại ngày: holiday (ngày nghỉ) hoặc workingWeekendDay (ngày làm bù).");
        RuleFor(r => r.Name).NotEmpty().WithMessage("Vui lòng nhập tên ngày, ví dụ: Nghỉ Tết Nguyên đán.").MaximumLength(200).WithName("Tên ngày");
        RuleFor(r => r.Date).Must(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            .WithMessage("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.").When(r => r.Kind == "workingWeekendDay");
        RuleFor(r => r.Date).Must(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .WithMessage("Thứ Bảy, Chủ nhật vốn là ngày nghỉ; nếu ngày lễ rơi vào cuối tuần, hãy thêm ngày nghỉ bù.").When(r => r.Kind == "holiday");
    }
}

internal static class CalendarEndpoints
{
    public static void MapWorkingCalendar(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/calendar", async Task<Ok<CalendarResponse>> (int? year, IDossiersStore store, WorkingCalendar calendar, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var shown = year is >= 2000 and <= 2100 ? year.Value : Province.BuildingBlocks.Time.VietnamTime.TodayInVietnam(clock).Year;
                await using var session = store.QuerySession();
                var stored = await session.Query<CalendarDay>().ToListAsync(cancellationToken);
                var days = calendar.ConfiguredHolidays.Select(d => Configured(d, CalendarDayKind.Holiday))
                    .Concat(calendar.ConfiguredWorkingWeekendDays.Select(d => Configured(d, CalendarDayKind.WorkingWeekendDay)))
                    .Concat(stored.Select(d => new CalendarDayResponse(d.Date, Kind(d.Kind), KindText(d.Kind), d.Name, "administrator", "Quản trị viên thêm")))
                    .Where(d => d.Date.Year == shown)
                    .OrderBy(d => d.Date)
                    .ToList();
                return TypedResults.Ok(new CalendarResponse(shown, days));
            })
            .WithName("GetWorkingCalendar")
            .WithSummary("Lịch làm việc của một năm (mặc định năm nay): các ngày nghỉ lễ, nghỉ bù và ngày làm bù cuối tuần; từ cấu hình hoặc do quản trị viên thêm. " +
                "Thời hạn giải quyết hồ sơ tính theo ngày làm việc của lịch này.")
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/calendar/days", async Task<Results<Created<CalendarDayResponse>, ProblemHttpResult>> (
                AddCalendarDayRequest request, ClaimsPrincipal user, IDossiersStore store, WorkingCalendar calendar, CalendarRefresher refresher,
                TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (calendar.ConfiguredHolidays.Contains(request.Date) || calendar.ConfiguredWorkingWeekendDays.Contains(request.Date))
                {
                    return Problems.Conflict("dossier.calendar_day_exists", "Ngày này đã có trong lịch làm việc.");
                }

                var day = new CalendarDay
                {
                    Id = CalendarDay.IdFor(request.Date),
                    Date = request.Date,
                    Kind = request.Kind == "holiday" ? CalendarDayKind.Holiday : CalendarDayKind.WorkingWeekendDay,
                    Name = request.Name.Trim(),
                    AddedBy = user.GetStaffId(),
                    AddedAt = clock.GetUtcNow().ToUniversalTime(),
                };
                await using (var session = store.LightweightSession())
                {
                    // Insert, not store: a second administrator adding the same date at once gets the conflict below.
                    session.Insert(day);
                    try
                    {
                        await session.SaveChangesAsync(cancellationToken);
                    }
                    catch (Exception exception) when (Province.BuildingBlocks.Persistence.DatabaseErrors.IsUniqueViolation(exception))
                    {
                        return Problems.Conflict("dossier.calendar_day_exists", "Ngày này đã có trong lịch làm việc.");
                    }
                }

                await refresher.ReloadAsync(cancellationToken);
                return TypedResults.Created($"/api/staff/dossiers/calendar?year={day.Date.Year}",
                    new CalendarDayResponse(day.Date, Kind(day.Kind), KindText(day.Kind), day.Name, "administrator", "Quản trị viên thêm"));
            })
            .WithName("AddCalendarDay")
            .WithSummary("Quản trị viên thêm một ngày nghỉ (lễ, nghỉ bù; ngày thường) hoặc một ngày làm bù (thứ Bảy, Chủ nhật). " +
                "Áp dụng cho thời hạn của hồ sơ tiếp nhận từ đó về sau; hạn của hồ sơ đã nhận không tự đổi.")
            .Validate<AddCalendarDayRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapDelete("/calendar/days/{date}", async Task<Results<NoContent, ProblemHttpResult>> (
                DateOnly date, IDossiersStore store, CalendarRefresher refresher, CancellationToken cancellationToken) =>
            {
                await using (var session = store.LightweightSession())
                {
                    if (await session.LoadAsync<CalendarDay>(CalendarDay.IdFor(date), cancellationToken) is null)
                    {
                        return Problems.NotFound("dossier.calendar_day_not_found", "Không có ngày này trong các ngày quản trị viên đã thêm (ngày trong cấu hình chỉ sửa ở cấu hình).");
                    }

                    session.Delete<CalendarDay>(CalendarDay.IdFor(date));
                    await session.SaveChangesAsync(cancellationToken);
                }

                await refresher.ReloadAsync(cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("RemoveCalendarDay")
            .WithSummary("Quản trị viên bỏ một ngày đã thêm vào lịch làm việc.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Administrator);
    }

    private static CalendarDayResponse Configured(DateOnly date, CalendarDayKind kind) =>
        new(date, Kind(kind), KindText(kind), null, "configuration", "Cấu hình hệ thống");

    private static string Kind(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "holiday" : "workingWeekendDay";

    private static string KindText(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "Ngày nghỉ" : "Ngày làm bù";
}
