using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Data;
using Province.Modules.Identity.Staff.Sessions;

namespace Province.Modules.Identity.Staff.DeactivateStaffMember;

/// <summary>An administrator closes an account (a transfer, a retirement): it can no longer sign in, and its tokens stop working.</summary>
internal static class DeactivateStaffMemberEndpoint
{
    public static void MapDeactivateStaffMember(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/staff/{id:guid}/deactivate", async Task<Results<Ok<StaffMemberResponse>, ProblemHttpResult>> (
                Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new DeactivateStaffMemberCommand(id), cancellationToken))
            .WithName("DeactivateStaffMember")
            .WithSummary("Quản trị viên khóa tài khoản cán bộ; mọi phiên đăng nhập của tài khoản hết hiệu lực ngay.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Administrator);
}

internal sealed record DeactivateStaffMemberCommand(Guid StaffId) : IRequest<Results<Ok<StaffMemberResponse>, ProblemHttpResult>>;

internal sealed class DeactivateStaffMemberHandler(IIdentityStore store, IMediator mediator)
    : IRequestHandler<DeactivateStaffMemberCommand, Results<Ok<StaffMemberResponse>, ProblemHttpResult>>
{
    public async Task<Results<Ok<StaffMemberResponse>, ProblemHttpResult>> Handle(DeactivateStaffMemberCommand command, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var staff = await session.LoadAsync<StaffMember>(command.StaffId, cancellationToken);
        if (staff is null)
        {
            return Problems.NotFound("identity.unknown_staff_member", "Không tìm thấy tài khoản cán bộ.");
        }

        staff.IsActive = false;
        session.Update(staff);
        await session.SaveChangesAsync(cancellationToken);
        await mediator.Send(new EndStaffSessions(staff.Id, OnlySession: null, "deactivated"), cancellationToken);
        return TypedResults.Ok(await StaffMemberResponse.FromAsync(session, staff, cancellationToken));
    }
}
