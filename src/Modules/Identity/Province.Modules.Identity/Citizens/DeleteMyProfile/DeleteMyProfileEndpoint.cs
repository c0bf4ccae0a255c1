using System.Security.Claims;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Citizens.Statistics;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;
using Province.Modules.Identity.Zalo;

namespace Province.Modules.Identity.Citizens.DeleteMyProfile;

internal static class DeleteMyProfileEndpoint
{
    public static void MapDeleteMyProfile(this IEndpointRouteBuilder citizens) =>
        citizens.MapDelete("/me", async Task<NoContent> (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            {
                await mediator.Send(new DeleteMyProfileCommand(user.GetCitizenId()), cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("DeleteMyProfile")
            .WithSummary("Xóa hồ sơ cá nhân và dữ liệu cá nhân liên quan (Nghị định 13/2023/NĐ-CP).")
            .RequireAuthorization(ProvincePolicies.Citizen);
}

internal sealed record DeleteMyProfileCommand(Guid CitizenId) : IRequest<Unit>;

/// <summary>
/// Deletes the citizen document (for good: no soft delete) and tells every module, in the same
/// transaction, to erase what it holds about this citizen. Signing in again later starts an empty profile.
/// </summary>
internal sealed class DeleteMyProfileHandler(IIdentityStore store, TimeProvider clock, CitizenDirectoryCache citizens) : IRequestHandler<DeleteMyProfileCommand, Unit>
{
    public async Task<Unit> Handle(DeleteMyProfileCommand request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var citizen = await session.LoadAsync<Citizen>(request.CitizenId, cancellationToken)
            ?? throw new InvalidOperationException("The signed-in citizen has no record.");
        session.Delete(citizen);
        CitizenActivity.Forget(session, citizen.Id);
        session.PublishIntegrationEvent(new CitizenDeleted(Guid.CreateVersion7(), clock.GetUtcNow().ToUniversalTime(), citizen.Id));
        await session.SaveChangesAsync(cancellationToken);
        citizens.Forget(citizen.ZaloId);
        return Unit.Value;
    }
}
