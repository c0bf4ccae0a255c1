using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Staff.CreateStaffMember;

internal static class CreateStaffMemberEndpoint
{
    public static void MapCreateStaffMember(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/staff", async Task<Results<Created<StaffMemberResponse>, ProblemHttpResult>> (
                CreateStaffMemberRequest request, IMediator mediator, CancellationToken cancellationToken) =>
                await mediator.Send(new CreateStaffMemberCommand(request), cancellationToken))
            .WithName("CreateStaffMember")
            .WithSummary("Quản trị viên tạo tài khoản cán bộ cho một cơ quan.")
            .Validate<CreateStaffMemberRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Administrator);
}

internal sealed record CreateStaffMemberCommand(CreateStaffMemberRequest Request) : IRequest<Results<Created<StaffMemberResponse>, ProblemHttpResult>>;

internal sealed class CreateStaffMemberHandler(IIdentityStore store, IPasswordHasher<StaffMember> hasher, TimeProvider clock)
    : IRequestHandler<CreateStaffMemberCommand, Results<Created<StaffMemberResponse>, ProblemHttpResult>>
{
    public async Task<Results<Created<StaffMemberResponse>, ProblemHttpResult>> Handle(CreateStaffMemberCommand command, CancellationToken cancellationToken)
    {
        var request = command.Request;
        await using var session = store.LightweightSession();
        if (!await session.Query<Agency>().AnyAsync(a => a.Id == request.AgencyId, cancellationToken))
        {
            return Problems.BusinessRule("identity.unknown_agency", "Cơ quan không tồn tại.");
        }

        var userName = request.UserName.Trim().ToLowerInvariant();
        if (await session.Query<StaffMember>().AnyAsync(s => s.UserName == userName, cancellationToken))
        {
            return Problems.Conflict("identity.user_name_taken", "Tên đăng nhập đã được dùng.");
        }

        var staff = new StaffMember
        {
            UserName = userName,
            FullName = request.FullName.Trim(),
            Role = request.Role == "administrator" ? StaffRole.Administrator : StaffRole.Officer,
            AgencyId = request.AgencyId,
            CreatedAt = clock.GetUtcNow().ToUniversalTime(),
        };
        staff.PasswordHash = hasher.HashPassword(staff, request.Password);
        session.Insert(staff);
        // Two administrators creating the same user name at once: the unique index refuses the second (409 by the exception handler).
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/staff/identity/staff/{staff.Id}", await StaffMemberResponse.FromAsync(session, staff, cancellationToken));
    }
}
