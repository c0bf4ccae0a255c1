using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.Inbox.ListMyNotifications;

namespace Province.Modules.Notifications.Inbox.MarkRead;

internal sealed record ReadAllResponse(int Marked, int UnreadCount);

/// <summary>The citizen marks one message, or all of theirs, read. Someone else's message is not found (404).</summary>
internal static class MarkReadEndpoints
{
    public static void MapMarkRead(this IEndpointRouteBuilder notifications)
    {
        notifications.MapPost("/{id:guid}/read", async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, INotificationsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var notification = await session.LoadAsync<CitizenNotification>(id, cancellationToken);
                if (notification is null || notification.CitizenId != user.GetCitizenId())
                {
                    return Problems.NotFound("notifications.not_found", "Không tìm thấy thông báo.");
                }

                // Reading twice keeps the first time.
                if (notification.ReadAt is null)
                {
                    notification.ReadAt = clock.GetUtcNow().ToUniversalTime();
                    session.Update(notification);
                    await session.SaveChangesAsync(cancellationToken);
                }

                return TypedResults.Ok(NotificationResponse.From(notification));
            })
            .WithName("MarkNotificationRead")
            .WithSummary("Đánh dấu một thông báo đã đọc; trả lại thông báo.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Citizen);

        notifications.MapPost("/read-all", async Task<Ok<ReadAllResponse>> (
                ClaimsPrincipal user, INotificationsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var now = clock.GetUtcNow().ToUniversalTime();
                await using var session = store.LightweightSession();
                var unread = await session.Query<CitizenNotification>().Where(n => n.CitizenId == citizenId && n.ReadAt == null).ToListAsync(cancellationToken);
                foreach (var notification in unread)
                {
                    notification.ReadAt = now;
                    session.Update(notification);
                }

                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(new ReadAllResponse(unread.Count, 0));
            })
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Đánh dấu mọi thông báo của tôi đã đọc.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }
}
