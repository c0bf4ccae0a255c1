using System.Linq.Expressions;
using Marten.Linq;
using Marten.Linq.MatchesSql;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

/// <summary>
/// A page of one agency's open work in due-date order (overdue first): the queue an officer opens first, as a Marten
/// compiled query, its LINQ parsed and its SQL built once instead of on every request (the parsing and the filters'
/// expressions were a tenth of the host's time per queue request; docs/decisions.md ADR 24). Every other combination of
/// filters and sorts goes through <see cref="StaffQueueHandler"/>'s LINQ, with the same SQL: the statuses as one
/// <c>status in (...)</c> of constants, which PostgreSQL proves implies the open-queue index's predicate.
/// Why only this shape: Marten 9.58's compiled queries take neither <see cref="DateOnly"/> members (the timeliness filters'
/// due-date bounds) nor arrays of an enum (a status set chosen per request) as parameters. The open statuses are
/// constants in the SQL (<see cref="StaffQueueHandler.OpenStatusesSql"/>): with them PostgreSQL keeps one generic plan of
/// the count instead of planning it at every call (the page's OFFSET and LIMIT are parameters: it is still planned).
/// </summary>
internal sealed class OpenQueuePage : ICompiledListQuery<DossierQueueLine>
{
    public Guid AgencyId { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; }

    public Expression<Func<IMartenQueryable<DossierQueueLine>, IEnumerable<DossierQueueLine>>> QueryIs() => lines => lines
        .Where(line => line.AgencyId == AgencyId && line.MatchesSql(StaffQueueHandler.OpenStatusesSql))
        .OrderBy(line => line.DueDate).ThenBy(line => line.SubmittedAt)
        .Skip(Skip).Take(Take);

    /// <summary>The compiled page for <paramref name="request"/>, or null when it filters or sorts otherwise.</summary>
    public static OpenQueuePage? For(StaffQueueQuery request) =>
        request is { AgencyId: { } agencyId, Search: null, Status: null, ProcedureCode: null, Timeliness: null, From: null, To: null, AssignedStaffId: null, Sort: "dueAt" }
            ? new OpenQueuePage { AgencyId = agencyId, Skip = request.Page.Skip, Take = request.Page.PageSize }
            : null;
}

/// <summary>How many open dossiers <see cref="OpenQueuePage"/> pages through, answered from the open-queue index alone.</summary>
internal sealed class OpenQueueCount : ICompiledQuery<DossierQueueLine, int>
{
    public Guid AgencyId { get; init; }

    public Expression<Func<IMartenQueryable<DossierQueueLine>, int>> QueryIs() => lines =>
        lines.Count(line => line.AgencyId == AgencyId && line.MatchesSql(StaffQueueHandler.OpenStatusesSql));
}
