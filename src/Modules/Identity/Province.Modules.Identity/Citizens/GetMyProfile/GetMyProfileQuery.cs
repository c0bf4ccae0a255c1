using Marten;
using MediatR;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens.GetMyProfile;

internal sealed record GetMyProfileQuery(Guid CitizenId) : IRequest<CitizenProfileResponse>;

internal sealed class GetMyProfileHandler(IIdentityStore store) : IRequestHandler<GetMyProfileQuery, CitizenProfileResponse>
{
    public async Task<CitizenProfileResponse> Handle(GetMyProfileQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        // The authentication handler has just found or created this citizen.
        var citizen = await session.LoadAsync<Citizen>(request.CitizenId, cancellationToken)
            ?? throw new InvalidOperationException("The signed-in citizen has no record.");
        return CitizenProfileResponse.From(citizen);
    }
}
