using System.Security.Claims;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Queue.Counters;

internal sealed record TicketActionRequest([property: JsonRequired] int Version);

internal sealed record TransferRequest(Guid CounterId, [property: JsonRequired] int Version);

/// <summary>The officer's word on a ticket's priority: true when the papers or the person prove it.</summary>
internal sealed record PriorityConfirmationRequest(bool Confirmed, int Version);

/// <summary>
/// What a counter does with a called number: recall it, mark it absent (skip), start and finish
/// serving, or send it to another counter. Each is a checked transition (409 with the reason).
/// </summary>
internal static class TicketActionsEndpoints
{
    public static void MapTicketActions(this IEndpointRouteBuilder staff)
    {
        Map(staff, "recall", "RecallTicket", "Gọi lại số đang mời (công dân chưa đến quầy).", (t, _) =>
        {
            t.Recalls++;
            return Task.FromResult<ProblemHttpResult?>(null);
        });
        Map(staff, "skip", "SkipTicket", "Qua lượt số đã gọi mà công dân vắng mặt.", (t, _) =>
        {
            t.Status = TicketStatus.Skipped;
            return Task.FromResult<ProblemHttpResult?>(null);
        });
        Map(staff, "start", "StartServingTicket", "Bắt đầu phục vụ số đã gọi.", (t, context) =>
        {
            t.Status = TicketStatus.Serving;
            t.StartedAt = context.Now;
            return Task.FromResult<ProblemHttpResult?>(null);
        });
        Map(staff, "finish", "FinishTicket", "Kết thúc phục vụ.", (t, context) =>
        {
            t.Status = TicketStatus.Done;
            t.FinishedAt = context.Now;
            return Task.FromResult<ProblemHttpResult?>(null);
        });

        staff.MapPost("/tickets/{id:guid}/transfer", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (
                Guid id, TransferRequest request, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, QueueSignals signals, TimeProvider clock, CancellationToken cancellationToken) =>
                await ActAsync(id, request.Version, user, store, reader, signals, clock, TicketWorkflow.From("transfer"), (ticket, context) =>
                {
                    var target = context.Office.Counters.SingleOrDefault(c => c.Id == request.CounterId);
                    if (target is null || !target.ServiceGroupIds.Contains(ticket.ServiceGroupId))
                    {
                        return Task.FromResult<ProblemHttpResult?>(
                            Problems.BusinessRule("appointments.counter_cannot_serve", "Quầy được chuyển đến phải thuộc bộ phận này và phục vụ nhóm dịch vụ của số."));
                    }

                    // Back in the queue, for that counter only, ahead of its other numbers.
                    ticket.Status = TicketStatus.Waiting;
                    ticket.CounterId = target.Id;
                    ticket.StartedAt = null;
                    return Task.FromResult<ProblemHttpResult?>(null);
                }, cancellationToken))
            .WithName("TransferTicket")
            .WithSummary("Chuyển số sang quầy khác; quầy đó gọi số này trước.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/tickets/{id:guid}/confirm-priority", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (
                Guid id, PriorityConfirmationRequest request, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, QueueSignals signals, TimeProvider clock,
                CancellationToken cancellationToken) =>
                await ActAsync(id, request.Version, user, store, reader, signals, clock, TicketWorkflow.From("confirm-priority"), (ticket, _) =>
                {
                    if (ticket.Priority == PriorityReason.None)
                    {
                        return Task.FromResult<ProblemHttpResult?>(
                            Problems.BusinessRule("appointments.no_priority_asked", $"Số {ticket.Display} không đăng ký ưu tiên nên không có gì để xác nhận."));
                    }

                    // Confirmed: called ahead from now on. Refused: keeps its number order. Either way who decided is kept.
                    ticket.PriorityCheck = request.Confirmed ? PriorityCheck.AtCounter : PriorityCheck.Refused;
                    ticket.PriorityCheckedBy = user.GetStaffId();
                    return Task.FromResult<ProblemHttpResult?>(null);
                }, cancellationToken))
            .WithName("ConfirmTicketPriority")
            .WithSummary("Cán bộ xác nhận (hoặc không xác nhận) quyền ưu tiên của số đang chờ sau khi xem giấy tờ; chỉ số đã xác nhận được gọi trước.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);
    }

    private static void Map(IEndpointRouteBuilder staff, string action, string name, string summary, Func<QueueTicket, ActionContext, Task<ProblemHttpResult?>> act) =>
        staff.MapPost($"/tickets/{{id:guid}}/{action}", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (
                Guid id, TicketActionRequest request, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, QueueSignals signals, TimeProvider clock, CancellationToken cancellationToken) =>
                await ActAsync(id, request.Version, user, store, reader, signals, clock, TicketWorkflow.From(action), act, cancellationToken))
            .WithName(name)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);

    private static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> ActAsync(
        Guid id, int version, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, QueueSignals signals, TimeProvider clock,
        TicketStatus[] from, Func<QueueTicket, ActionContext, Task<ProblemHttpResult?>> act, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var ticket = await session.LoadAsync<QueueTicket>(id, cancellationToken);
        var office = ticket is null ? null : await session.LoadAsync<Office>(ticket.OfficeId, cancellationToken);
        if (ticket is null || office is null || !user.MayManage(office))
        {
            return Problems.NotFound("appointments.ticket_not_found", "Không tìm thấy số thứ tự.");
        }

        if (ticket.Version != version)
        {
            return StaleVersion();
        }

        if (!from.Contains(ticket.Status))
        {
            return Problems.Conflict("appointments.illegal_ticket_transition",
                $"Không thể thực hiện khi số {ticket.Display} đang ở trạng thái \"{TicketResponse.Text(ticket.Status)}\".");
        }

        var before = QueueTally.Share.Of(ticket);
        if (await act(ticket, new ActionContext(clock.GetUtcNow().ToUniversalTime(), office)) is { } problem)
        {
            return problem;
        }

        QueueTally.Track(session, before, ticket);
        ticket.Version++;
        session.UpdateRevision(ticket, ticket.Revision + 1);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
        {
            // Another counter acted on the same number a moment earlier: its action stands.
            return StaleVersion();
        }

        await signals.ChangedAsync(ticket.OfficeId, cancellationToken);
        return TypedResults.Ok(await reader.DescribeAsync(ticket, forStaff: true, cancellationToken));
    }

    private static ProblemHttpResult StaleVersion() =>
        Problems.Conflict("appointments.stale_version", "Số này vừa được quầy khác xử lý. Vui lòng tải lại.");

    private sealed record ActionContext(DateTimeOffset Now, Office Office);
}
