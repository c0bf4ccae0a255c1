using System.Security.Claims;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Data;
using Province.Modules.Identity.Staff.SignIn;

namespace Province.Modules.Identity.Staff.Sessions;

internal static class StaffSessionEndpoints
{
    public static void MapSignOut(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/me/sign-out", async Task<NoContent> (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new EndStaffSessions(user.GetStaffId(), OnlySession: user.GetSessionId(), "signed-out"), cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("StaffSignOut")
            .WithSummary("Cán bộ đăng xuất: token của phiên này hết hiệu lực ngay.")
            .RequireAuthorization(ProvincePolicies.Staff);
}

/// <summary>Ends a staff member's sessions: one (<paramref name="OnlySession"/>), all but one (<paramref name="ExceptSession"/>), or all.</summary>
internal sealed record EndStaffSessions(Guid StaffId, Guid? OnlySession, string Because, Guid? ExceptSession = null) : IRequest<int>;

internal sealed class EndStaffSessionsHandler(IIdentityStore store, StaffSessions sessions, TimeProvider clock) : IRequestHandler<EndStaffSessions, int>
{
    public async Task<int> Handle(EndStaffSessions request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var session = store.LightweightSession();
        var open = await session.Query<StaffSession>()
            .Where(s => s.StaffId == request.StaffId && s.EndedAt == null && s.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        var ending = open.Where(s => (request.OnlySession is null || s.Id == request.OnlySession) && s.Id != request.ExceptSession).ToList();
        foreach (var ended in ending)
        {
            ended.EndedAt = now;
            ended.EndedBecause = request.Because;
            session.Update(ended);
        }

        await session.SaveChangesAsync(cancellationToken);
        foreach (var ended in ending)
        {
            sessions.Forget(ended.Id);
        }

        return ending.Count;
    }
}

/// <summary>Answers the host's staff scheme: the session stands and its staff member is active.</summary>
internal sealed class ValidateStaffSessionHandler(IIdentityStore store, TimeProvider clock) : IRequestHandler<ValidateStaffSession, bool>
{
    public async Task<bool> Handle(ValidateStaffSession request, CancellationToken cancellationToken)
    {
        // Asked on every staff request: the session and the staff member in one round trip (a batch query; issue 17).
        await using var query = store.QuerySession();
        var batch = query.CreateBatchQuery();
        var signInRead = batch.Load<StaffSession>(request.SessionId);
        var staffRead = batch.Load<StaffMember>(request.StaffId);
        await batch.Execute(cancellationToken);
        var signIn = await signInRead;
        if (signIn is null || signIn.StaffId != request.StaffId || signIn.EndedAt is not null || signIn.ExpiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        return await staffRead is { IsActive: true };
    }
}

/// <summary>Removes sign-in attempt rows of windows long over, and sessions ended or expired more than a month ago.</summary>
internal sealed class StaffSessionHousekeeping(IIdentityStore store, TimeProvider clock, ILogger<StaffSessionHousekeeping> logger)
    : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().ToUniversalTime();
        var purged = await SignInAttempts.PurgeAsync(store, now, cancellationToken);
        await using var session = store.LightweightSession();
        var monthAgo = now.AddDays(-30);
        session.DeleteWhere<StaffSession>(s => s.ExpiresAt < monthAgo);
        await session.SaveChangesAsync(cancellationToken);
        return purged;
    }
}
