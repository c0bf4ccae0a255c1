using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Queue.Counters;

/// <summary>A counter the signed-in staff member may serve, with the names a counter console shows.</summary>
internal sealed record MyCounterResponse(
    Guid Id,
    int Number,
    string Name,
    Guid OfficeId,
    string OfficeName,
    Guid AgencyId,
    IReadOnlyList<MyCounterServiceGroup> ServiceGroups);

internal sealed record MyCounterServiceGroup(Guid Id, string Code, string Name);

/// <summary>
/// The counters of the offices the signed-in staff member may run (their agency's; every office for an administrator),
/// so a console opens without knowing office ids: the same rule as calling at a counter (<c>OfficeAccess.MayManage</c>).
/// </summary>
internal static class MyCountersEndpoint
{
    public static void MapMyCounters(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/me/counters", async Task<Ok<PagedResult<MyCounterResponse>>> (
                int? page, int? pageSize, ClaimsPrincipal user, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                await using var session = store.QuerySession();
                IReadOnlyList<Office> offices;
                if (user.IsAdministrator())
                {
                    offices = await session.Query<Office>().ToListAsync(cancellationToken);
                }
                else if (user.GetAgencyId() is { } agencyId)
                {
                    offices = await session.Query<Office>().Where(o => o.AgencyId == agencyId).ToListAsync(cancellationToken);
                }
                else
                {
                    offices = [];
                }

                var counters = offices
                    .OrderBy(o => o.Name, StringComparer.Ordinal)
                    .SelectMany(o => o.Counters.OrderBy(c => c.Number).Select(c => new MyCounterResponse(
                        c.Id, c.Number, c.Name, o.Id, o.Name, o.AgencyId,
                        [.. o.ServiceGroups.Where(g => c.ServiceGroupIds.Contains(g.Id)).OrderBy(g => g.Code, StringComparer.Ordinal)
                            .Select(g => new MyCounterServiceGroup(g.Id, g.Code, g.Name))])))
                    .ToList();
                return TypedResults.Ok(new PagedResult<MyCounterResponse>(
                    [.. counters.Skip(paging.Skip).Take(paging.PageSize)], paging.Page, paging.PageSize, counters.Count));
            })
            .WithName("ListMyCounters")
            .WithSummary("Các quầy cán bộ đang đăng nhập được phục vụ (quầy của các bộ phận một cửa thuộc cơ quan mình; quản trị viên: mọi quầy), " +
                "kèm tên bộ phận một cửa và các nhóm dịch vụ của quầy.")
            .RequireAuthorization(ProvincePolicies.Staff);
}
