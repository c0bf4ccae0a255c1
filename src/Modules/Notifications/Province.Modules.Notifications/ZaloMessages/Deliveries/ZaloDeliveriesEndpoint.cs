using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.ZaloMessages.Deliveries;

/// <summary>
/// The administrator's view of Zalo delivery: per day and kind, how many were sent, failed, deferred, skipped,
/// uncertain or still waiting; and the messages of one status with their reasons (no phone, no name: a case is
/// found by its code in the values).
/// </summary>
internal static class ZaloDeliveriesEndpoint
{
    public static void MapZaloDeliveries(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/zalo-deliveries", async Task<Ok<PagedResult<ZaloDeliveryRow>>> (
                DateOnly? from, DateOnly? to, int? page, int? pageSize, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var today = clock.TodayInVietnam();
                return TypedResults.Ok(await mediator.Send(
                    new ZaloDeliveriesQuery(from ?? today.AddDays(-6), to ?? today, PageRequest.From(page, pageSize)), cancellationToken));
            })
            .WithName("ListZaloDeliveries")
            .WithSummary("Thống kê tin Zalo (ZNS) theo ngày và loại tin: đã gửi, lỗi, tạm hoãn, không gửi, chưa rõ, đang chờ.")
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapGet("/zalo-messages", async Task<Ok<PagedResult<ZaloMessageRow>>> (
                string? status, int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
                // A status by its camelCase name, as everywhere in the API (an unknown one finds nothing).
                TypedResults.Ok(await mediator.Send(
                    new ZaloMessagesQuery(status is null ? null : Enum.TryParse<ZaloMessageStatus>(status, ignoreCase: true, out var parsed) ? parsed : (ZaloMessageStatus)(-1), PageRequest.From(page, pageSize)),
                    cancellationToken)))
            .WithName("ListZaloMessages")
            .WithSummary("Các tin Zalo theo trạng thái, mới nhất trước, kèm lý do (không có số điện thoại hay tên công dân).")
            .RequireAuthorization(ProvincePolicies.Administrator);
    }
}

internal sealed record ZaloDeliveryRow(
    DateOnly Date, ZaloMessageKind Kind, string KindText, int Sent, int Failed, int Deferred, int Skipped, int Uncertain, int Waiting);

internal sealed record ZaloMessageRow(
    Guid Id, ZaloMessageKind Kind, string KindText, ZaloMessageStatus Status, string StatusText, string? Reason, int Attempts,
    string? Code, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Resends, IReadOnlyList<string> AllowedActions)
{
    public static ZaloMessageRow From(ZaloMessage m) => new(
        m.Id, m.Kind, m.Kind.Text(), m.Status, m.Status.Text(), m.Reason, m.Attempts,
        m.Values.GetValueOrDefault(ZaloMessageValues.Code) ?? m.Values.GetValueOrDefault(ZaloMessageValues.Number),
        m.CreatedAt.ToVietnamTime(), m.FinishedAt?.ToVietnamTime(), m.Resends, m.CanBeResent ? ["resend"] : []);
}

internal sealed record ZaloDeliveriesQuery(DateOnly From, DateOnly To, PageRequest Page) : IRequest<PagedResult<ZaloDeliveryRow>>;

internal sealed record ZaloMessagesQuery(ZaloMessageStatus? Status, PageRequest Page) : IRequest<PagedResult<ZaloMessageRow>>;

internal sealed class ZaloDeliveriesHandler(INotificationsStore store)
    : IRequestHandler<ZaloDeliveriesQuery, PagedResult<ZaloDeliveryRow>>, IRequestHandler<ZaloMessagesQuery, PagedResult<ZaloMessageRow>>
{
    public async Task<PagedResult<ZaloDeliveryRow>> Handle(ZaloDeliveriesQuery request, CancellationToken cancellationToken)
    {
        var from = VietnamTime.StartOf(request.From);
        var to = VietnamTime.StartOf(request.To.AddDays(1));
        await using var session = store.QuerySession();
        // Grouped in memory: a day of a province is thousands of messages, and only status, kind and time are read.
        var messages = await session.Query<ZaloMessage>()
            .Where(m => m.CreatedAt >= from && m.CreatedAt < to)
            .Select(m => new { m.CreatedAt, m.Kind, m.Status })
            .ToListAsync(cancellationToken);
        var rows = messages
            .GroupBy(m => (Date: m.CreatedAt.ToVietnamDate(), m.Kind))
            .OrderByDescending(g => g.Key.Date).ThenBy(g => g.Key.Kind)
            .Select(g => new ZaloDeliveryRow(
                g.Key.Date, g.Key.Kind, g.Key.Kind.Text(),
                g.Count(m => m.Status == ZaloMessageStatus.Sent),
                g.Count(m => m.Status == ZaloMessageStatus.Failed),
                g.Count(m => m.Status == ZaloMessageStatus.Deferred),
                g.Count(m => m.Status == ZaloMessageStatus.Skipped),
                g.Count(m => m.Status == ZaloMessageStatus.Uncertain),
                g.Count(m => m.Status is ZaloMessageStatus.Pending or ZaloMessageStatus.Sending)))
            .ToList();
        return new PagedResult<ZaloDeliveryRow>([.. rows.Skip(request.Page.Skip).Take(request.Page.PageSize)], request.Page.Page, request.Page.PageSize, rows.Count);
    }

    public async Task<PagedResult<ZaloMessageRow>> Handle(ZaloMessagesQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var query = session.Query<ZaloMessage>().AsQueryable();
        if (request.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        var items = await query.Stats(out var stats).OrderByDescending(m => m.Id).Skip(request.Page.Skip).Take(request.Page.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<ZaloMessageRow>(
            [.. items.Select(ZaloMessageRow.From)],
            request.Page.Page,
            request.Page.PageSize,
            (int)stats.TotalResults);
    }
}
