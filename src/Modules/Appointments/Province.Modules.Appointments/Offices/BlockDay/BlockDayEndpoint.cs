using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.BlockDay;

internal sealed record BlockedDayResponse(DateOnly Date, string Reason);

internal static class BlockDayEndpoint
{
    public static void MapBlockDay(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/offices/{officeId:guid}/blocked-days", async Task<Results<Ok<List<BlockedDayResponse>>, ProblemHttpResult>> (
                Guid officeId, DateOnly? from, DateOnly? to, ClaimsPrincipal user, IAppointmentsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var office = await session.LoadAsync<Office>(officeId, cancellationToken);
                if (office is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (!user.MayManage(office))
                {
                    return OfficeAccess.NotYourOffice();
                }

                var since = from ?? Province.BuildingBlocks.Time.VietnamTime.TodayInVietnam(clock);
                var until = to ?? since.AddDays(90);
                var days = await session.Query<BlockedDay>().Where(b => b.OfficeId == officeId && b.Day >= since && b.Day <= until)
                    .OrderBy(b => b.Day).ToListAsync(cancellationToken);
                return TypedResults.Ok(days.Select(b => new BlockedDayResponse(b.Day, b.Reason)).ToList());
            })
            .WithName("ListBlockedOfficeDays")
            .WithSummary("Các ngày bộ phận một cửa không nhận lịch hẹn, không cấp số, từ from đến to (mặc định từ hôm nay đến 90 ngày tới).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/offices/{officeId:guid}/blocked-days", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid officeId, BlockDayRequest request, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                if (await session.LoadAsync<Office>(officeId, cancellationToken) is null)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                var id = BlockedDays.IdFor(officeId, request.Day);
                if (await session.LoadAsync<BlockedDay>(id, cancellationToken) is null)
                {
                    session.Insert(new BlockedDay { Id = id, OfficeId = officeId, Day = request.Day, Reason = request.Reason.Trim() });
                    await session.SaveChangesAsync(cancellationToken);
                }

                return TypedResults.NoContent();
            })
            .WithName("BlockOfficeDay")
            .WithSummary("Quản trị chặn một ngày (nghỉ lễ, tập huấn...): không nhận đặt lịch, không cấp số.")
            .Validate<BlockDayRequest>()
            .RequireAuthorization(ProvincePolicies.Administrator);
    }
}

internal sealed record BlockDayRequest(DateOnly Day, string Reason);

internal sealed class BlockDayRequestValidator : AbstractValidator<BlockDayRequest>
{
    public BlockDayRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(300).WithName("Lý do");
}
