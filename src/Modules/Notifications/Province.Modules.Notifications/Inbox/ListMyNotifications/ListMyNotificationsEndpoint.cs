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
using Province.Modules.Notifications.ZaloMessages;

namespace Province.Modules.Notifications.Inbox.ListMyNotifications;

internal static class ListMyNotificationsEndpoint
{
    public static void MapListMyNotifications(this IEndpointRouteBuilder notifications)
    {
        notifications.MapGet("/", async Task<Ok<InboxPage>> (
                int? page, int? pageSize, bool? unread, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListMyNotificationsQuery(user.GetCitizenId(), unread == true, PageRequest.From(page, pageSize)), cancellationToken)))
            .WithName("ListMyNotifications")
            .WithSummary("Thông báo gửi tới công dân đang đăng nhập, mới nhất trước (unread=true: chỉ thư chưa đọc), kèm số thư chưa đọc và liên kết tới hồ sơ, phản ánh, lịch hẹn hoặc số thứ tự.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        notifications.MapGet("/unread-count", async Task<Ok<UnreadCountResponse>> (
                ClaimsPrincipal user, INotificationsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var citizenId = user.GetCitizenId();
                return TypedResults.Ok(new UnreadCountResponse(
                    await session.Query<CitizenNotification>().CountAsync(n => n.CitizenId == citizenId && n.ReadAt == null, cancellationToken)));
            })
            .WithName("CountMyUnreadNotifications")
            .WithSummary("Số thông báo chưa đọc (cho huy hiệu trên biểu tượng hộp thư).")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }
}

/// <summary>
/// A notification and the item it is about: <c>itemKind</c> is <c>dossier</c>, <c>fieldReport</c>, <c>booking</c> or
/// <c>ticket</c> (null when about nothing in particular), <c>itemId</c> its id in that module's citizen API;
/// <c>zaloMessage</c> whether the same news also went out as a Zalo message (null when none was due).
/// </summary>
internal sealed record NotificationResponse(
    Guid Id, string Title, string Body, DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt, string? ItemKind, Guid? ItemId, ZaloMessageState? ZaloMessage)
{
    public static NotificationResponse From(CitizenNotification n, ZaloMessage? zalo = null) =>
        new(n.Id, n.Title, n.Body, n.CreatedAt.ToVietnamTime(), n.ReadAt is not null, n.ReadAt?.ToVietnamTime(), n.ItemKind, n.ItemId,
            zalo is null ? null : new ZaloMessageState(zalo.Status, zalo.Status.Text(), zalo.FinishedAt?.ToVietnamTime()));
}

/// <summary>The Zalo message of an inbox entry: sent, waiting, failed... in plain Vietnamese.</summary>
internal sealed record ZaloMessageState(ZaloMessageStatus Status, string StatusText, DateTimeOffset? At);

/// <summary>A page of the inbox with the count of unread messages (all of them, not only this page's).</summary>
internal sealed record InboxPage(IReadOnlyList<NotificationResponse> Items, int Page, int PageSize, int Total, int UnreadCount);

internal sealed record UnreadCountResponse(int UnreadCount);

internal sealed record ListMyNotificationsQuery(Guid CitizenId, bool OnlyUnread, PageRequest Page) : IRequest<InboxPage>;

internal sealed class ListMyNotificationsHandler(INotificationsStore store) : IRequestHandler<ListMyNotificationsQuery, InboxPage>
{
    public async Task<InboxPage> Handle(ListMyNotificationsQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var mine = session.Query<CitizenNotification>().Where(n => n.CitizenId == request.CitizenId);
        var listed = request.OnlyUnread ? mine.Where(n => n.ReadAt == null) : mine;
        // Ids are version 7 GUIDs: ordering by id is ordering by creation time.
        var items = await listed
            .Stats(out var stats)
            .OrderByDescending(n => n.Id)
            .Skip(request.Page.Skip)
            .Take(request.Page.PageSize)
            .ToListAsync(cancellationToken);
        // A query of its own: Marten keeps the statistics request on the query provider the list used.
        await using var counting = store.QuerySession();
        var unread = await counting.Query<CitizenNotification>().CountAsync(n => n.CitizenId == request.CitizenId && n.ReadAt == null, cancellationToken);
        var ids = items.Select(n => n.Id).ToArray();
        var zaloMessages = ids.Length == 0 ? [] : await counting.Query<ZaloMessage>().Where(m => m.NotificationId.IsOneOf(ids)).ToListAsync(cancellationToken);
        var zaloByNotification = zaloMessages.ToDictionary(m => m.NotificationId);
        return new InboxPage(
            [.. items.Select(n => NotificationResponse.From(n, zaloByNotification.GetValueOrDefault(n.Id)))], request.Page.Page, request.Page.PageSize, (int)stats.TotalResults, unread);
    }
}
