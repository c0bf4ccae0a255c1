using System.Security.Claims;
using Marten;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Offices;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Appointments.Queue.TakeTicket;

/// <summary>
/// Lấy số từ xa: "elderly", "disability" or "pregnant" asks for priority. Elderly is proven by the profile's date of
/// birth; anything the profile cannot prove waits for an officer's confirmation before it is called ahead.
/// </summary>
internal sealed record TakeTicketRequest(Guid OfficeId, Guid ServiceGroupId, string? Priority);

internal sealed class TakeTicketRequestValidator : AbstractValidator<TakeTicketRequest>
{
    public TakeTicketRequestValidator()
    {
        RuleFor(r => r.OfficeId).NotEmpty().WithMessage("Vui lòng chọn bộ phận một cửa.");
        RuleFor(r => r.ServiceGroupId).NotEmpty().WithMessage("Vui lòng chọn nhóm dịch vụ.");
        RuleFor(r => r.Priority).Must(p => p is null or "elderly" or "disability" or "pregnant")
            .WithMessage("Ưu tiên là \"elderly\" (người cao tuổi), \"disability\" (người khuyết tật) hoặc \"pregnant\" (phụ nữ mang thai).");
    }
}

internal static class TakeTicketEndpoints
{
    /// <summary>Người cao tuổi: from 60 (Luật Người cao tuổi 2009, Điều 2).</summary>
    public const int ElderlyAge = 60;

    public static PriorityReason ParsePriority(string? priority) => priority switch
    {
        "elderly" => PriorityReason.Elderly,
        "disability" => PriorityReason.Disability,
        "pregnant" => PriorityReason.Pregnant,
        _ => PriorityReason.None,
    };

    /// <summary>
    /// How the priority asked for is proven: never on the citizen's word. The elderly by the profile's date of birth (refused
    /// under 60); without one, and for disability and pregnancy (no record of ours proves them), the ticket waits in number
    /// order until an officer confirms.
    /// </summary>
    private static async Task<(PriorityCheck Check, ProblemHttpResult? Refusal)> ProvePriorityAsync(PriorityReason priority, Guid citizenId,
        IMediator mediator, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (priority != PriorityReason.Elderly || await mediator.Send(new GetCitizenProfile(citizenId), cancellationToken) is not { DateOfBirth: { } born })
        {
            return (PriorityCheck.Pending, null);
        }

        return born.AddYears(ElderlyAge) > OfficeTime.Now(clock).Day
            ? (PriorityCheck.Pending, Problems.BusinessRule("appointments.not_elderly", "Ưu tiên người cao tuổi dành cho công dân từ đủ 60 tuổi (theo ngày sinh trong hồ sơ)."))
            : (PriorityCheck.ByProfile, null);
    }

    public static void MapTakeTicket(this IEndpointRouteBuilder citizens)
    {
        citizens.MapPost("/tickets", async Task<IResult> (
                TakeTicketRequest request, ClaimsPrincipal user, HttpContext context, IAppointmentsStore store, OfficeDirectory offices, TicketIssuer issuer,
                QueueReader reader, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var idempotency = IdempotentRequest.For(context, citizenId.ToString(), request);
                await using var session = store.LightweightSession();
                // Whatever a request is refused for, a retry of one already answered gets its first answer.
                async Task<IResult> RefuseAsync(ProblemHttpResult problem) => await idempotency.FindEarlierAnswerAsync(session, cancellationToken) ?? problem;
                var office = await offices.FindAsync(request.OfficeId, cancellationToken);
                if (office is null)
                {
                    return await RefuseAsync(OfficeAccess.OfficeNotFound());
                }

                var priority = ParsePriority(request.Priority);
                var (priorityCheck, refusal) = await ProvePriorityAsync(priority, citizenId, mediator, clock, cancellationToken);
                if (refusal is not null)
                {
                    return await RefuseAsync(refusal);
                }

                // Whether the key was answered already, the citizen's ticket already waiting and a blocked day are read by the
                // statement that takes the number (issue 17: a batch of reads before it took a round trip of its own).
                TicketIssue issue;
                try
                {
                    issue = await issuer.IssueAsync(session, office,
                        new TicketOrder(request.ServiceGroupId, TicketChannel.Remote, priority, priorityCheck)
                        {
                            CitizenId = citizenId,
                            OneTicketPerCitizen = true,
                            IdempotencyRecordId = idempotency.RecordId(),
                        },
                        issued => idempotency.Remember(session, StatusCodes.Status201Created, $"/api/appointments/tickets/{issued.Id}",
                            new { id = issued.Id, number = issued.Display }, clock.GetUtcNow()),
                        cancellationToken);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && DatabaseErrors.IsUniqueViolation(exception))
                {
                    // The same key raced in from another request, which saved its ticket first (this one's save failed
                    // whole, its number a gap): the winner's answer is this request's too. Not CreateOnceAsync: the issuer
                    // saves within the number's own sequence of statements.
                    if (await idempotency.RaceWinnersAnswerAsync(store, cancellationToken) is { } raced)
                    {
                        return raced;
                    }

                    throw;
                }

                if (issue.Earlier is not null)
                {
                    return idempotency.AnswerFrom(issue.Earlier)!;
                }

                if (issue.Problem is not null)
                {
                    return await RefuseAsync(issue.Problem);
                }

                return TypedResults.Created($"/api/appointments/tickets/{issue.Ticket!.Id}",
                    await reader.DescribeAsync(issue.Ticket, forStaff: false, issue.AtIssue, cancellationToken));
            })
            .WithName("TakeQueueTicket")
            .WithSummary("Lấy số thứ tự trong ngày từ xa (cần Idempotency-Key); trả số, số người đang chờ trước và thời gian chờ ước tính.")
            .Validate<TakeTicketRequest>()
            .RequireIdempotencyKey()
            .Produces<TicketResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/tickets/{id:guid}", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, CancellationToken cancellationToken) =>
            {
                QueueTicket? ticket;
                await using (var session = store.QuerySession())
                {
                    ticket = await session.LoadAsync<QueueTicket>(id, cancellationToken);
                }

                return ticket is null || ticket.CitizenId != user.GetCitizenId()
                    ? Problems.NotFound("appointments.ticket_not_found", "Không tìm thấy số thứ tự.")
                    : TypedResults.Ok(await reader.DescribeAsync(ticket, forStaff: false, cancellationToken));
            })
            .WithName("GetMyTicket")
            .WithSummary("Số của tôi: trạng thái, quầy mời, số người phía trước, thời gian chờ ước tính.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/tickets", async Task<Ok<PagedResult<TicketResponse>>> (
                int? page, int? pageSize, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var paging = PageRequest.From(page, pageSize);
                List<QueueTicket> tickets;
                int total;
                await using (var session = store.QuerySession())
                {
                    var mine = session.Query<QueueTicket>().Where(t => t.CitizenId == citizenId);
                    total = await mine.CountAsync(cancellationToken);
                    // Ids are version 7 GUIDs: newest first.
                    tickets = [.. await session.Query<QueueTicket>().Where(t => t.CitizenId == citizenId)
                        .OrderByDescending(t => t.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken)];
                }

                var items = new List<TicketResponse>(tickets.Count);
                foreach (var ticket in tickets)
                {
                    items.Add(await reader.DescribeAsync(ticket, forStaff: false, cancellationToken));
                }

                return TypedResults.Ok(new PagedResult<TicketResponse>(items, paging.Page, paging.PageSize, total));
            })
            .WithName("ListMyTickets")
            .WithSummary("Các số thứ tự của tôi, mới nhất trước, với trạng thái, số người phía trước và thao tác được phép.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/tickets/{id:guid}/cancel", async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, IAppointmentsStore store, QueueReader reader, QueueSignals signals, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var ticket = await session.LoadAsync<QueueTicket>(id, cancellationToken);
                if (ticket is null || ticket.CitizenId != user.GetCitizenId())
                {
                    return Problems.NotFound("appointments.ticket_not_found", "Không tìm thấy số thứ tự.");
                }

                if (!TicketWorkflow.CitizenCancelFrom.Contains(ticket.Status))
                {
                    return Problems.Conflict("appointments.illegal_ticket_transition",
                        $"Chỉ hủy được số đang chờ; số {ticket.Display} đang ở trạng thái \"{TicketResponse.Text(ticket.Status)}\".");
                }

                // Out of the waiting queue (every reader takes Waiting only), so no counter calls it and the screens drop it.
                var before = QueueTally.Share.Of(ticket);
                ticket.Status = TicketStatus.Cancelled;
                ticket.Version++;
                session.UpdateRevision(ticket, ticket.Revision + 1);
                QueueTally.Track(session, before, ticket);
                try
                {
                    await session.SaveChangesAsync(cancellationToken);
                }
                catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
                {
                    return Problems.Conflict("appointments.stale_version", "Số này vừa được gọi. Vui lòng tải lại.");
                }

                await signals.ChangedAsync(ticket.OfficeId, cancellationToken);
                return TypedResults.Ok(await reader.DescribeAsync(ticket, forStaff: false, cancellationToken));
            })
            .WithName("CancelMyTicket")
            .WithSummary("Hủy số đang chờ: số rời hàng đợi và không được gọi nữa.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);
    }
}
