using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Inbox.ListMyNotifications;

internal static class ListMyNotificationsEndpoint
{
    public static void MapListMyNotifications(this IEndpointRouteBuilder notifications) =>
        notifications.MapGet("/", async Task<Ok<PagedResult<NotificationResponse>>> (
                int? page, int? pageSize, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListMyNotificationsQuery(user.GetCitizenId(), PageRequest.From(page, pageSize)), cancellationToken)))
            .WithName("ListMyNotifications")
            .WithSummary("Thông báo gửi tới công dân đang đăng nhập, mới nhất trước.")
            .RequireAuthorization(ProvincePolicies.Citizen);
}

internal sealed record NotificationResponse(Guid Id, string Title, string Body, DateTimeOffset CreatedAt, bool Read);

internal sealed record ListMyNotificationsQuery(Guid CitizenId, PageRequest Page) : IRequest<PagedResult<NotificationResponse>>;

internal sealed class ListMyNotificationsHandler(INotificationsStore store) : IRequestHandler<ListMyNotificationsQuery, PagedResult<NotificationResponse>>
{
    public async Task<PagedResult<NotificationResponse>> Handle(ListMyNotificationsQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        // Ids are version 7 GUIDs: ordering by id is ordering by creation time.
        var items = await session.Query<CitizenNotification>()
            .Where(n => n.CitizenId == request.CitizenId)
            .Stats(out var stats)
            .OrderByDescending(n => n.Id)
            .Skip(request.Page.Skip)
            .Take(request.Page.PageSize)
            .ToListAsync(cancellationToken);
        var total = (int)stats.TotalResults;
        return new PagedResult<NotificationResponse>(
            [.. items.Select(n => new NotificationResponse(n.Id, n.Title, n.Body, n.CreatedAt.ToVietnamTime(), n.ReadAt is not null))],
            request.Page.Page,
            request.Page.PageSize,
            total);
    }
}
