using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Notifications.Data;
using Province.Modules.Notifications.ZaloMessages.Deliveries;

namespace Province.Modules.Notifications.ZaloMessages.Resending;

/// <summary>
/// An administrator sends a failed or uncertain Zalo message again, after checking with the citizen (an uncertain one
/// may have arrived: the sender never repeats it by itself, see ADR 21). The message goes back to the queue, so the
/// citizen's current choices, quiet hours and the daily quota apply as to any other; a few resends at most, so a
/// number Zalo keeps refusing is not hammered. Two administrators clicking at once: Marten's version check lets one win,
/// the other gets 409.
/// </summary>
internal static class ResendZaloMessageEndpoint
{
    /// <summary>How many times an administrator may send one message again.</summary>
    public const int MaxResends = 3;

    public static void MapResendZaloMessage(this IEndpointRouteBuilder staff)
    {
        staff.MapPost("/zalo-messages/{id:guid}/resend", async Task<Results<Ok<ZaloMessageRow>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, INotificationsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var message = await session.LoadAsync<ZaloMessage>(id, cancellationToken);
                if (message is null)
                {
                    return Problems.NotFound("zalo_message.not_found", "Không tìm thấy tin Zalo.");
                }

                if (!message.CanBeResent)
                {
                    return Problems.Conflict(
                        "zalo_message.not_resendable",
                        message.Resends >= MaxResends
                            ? $"Tin này đã được gửi lại {MaxResends} lần; hãy liên hệ công dân qua kênh khác."
                            : $"Chỉ gửi lại được tin gửi không thành công hoặc chưa rõ đã gửi; tin này đang ở trạng thái \"{message.Status.Text()}\".");
                }

                var now = clock.GetUtcNow().ToUniversalTime();
                message.Status = ZaloMessageStatus.Pending;
                message.Reason = $"Gửi lại theo yêu cầu của quản trị viên (lần {message.Resends + 1}); lần trước: {message.Reason ?? "không rõ lý do"}";
                message.Attempts = 0;
                message.NextAttemptAt = now;
                message.FinishedAt = null;
                message.Resends++;
                message.LastResentBy = user.GetStaffId();
                message.LastResentAt = now;
                session.Update(message);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
                {
                    return Problems.Conflict("zalo_message.changed", "Tin vừa được người khác gửi lại hoặc đang được gửi. Vui lòng tải lại danh sách.");
                }

                return TypedResults.Ok(ZaloMessageRow.From(message));
            })
            .WithName("ResendZaloMessage")
            .WithSummary("Gửi lại một tin Zalo gửi không thành công hoặc chưa rõ đã gửi (sau khi đã hỏi công dân); trả lại tin.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Administrator);
    }
}
