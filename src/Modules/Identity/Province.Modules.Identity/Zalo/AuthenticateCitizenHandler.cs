using MediatR;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Citizens.Statistics;

namespace Province.Modules.Identity.Zalo;

/// <summary>
/// Answers the host's citizen authentication: the Zalo access token is verified with Zalo, and the Zalo user
/// mapped to their citizen record (created on first sight).
/// </summary>
internal sealed class AuthenticateCitizenHandler(ZaloTokenVerifier verifier, CitizenDirectory citizens, CitizenActivity activity)
    : IRequestHandler<AuthenticateCitizen, AuthenticatedCitizen?>
{
    public async Task<AuthenticatedCitizen?> Handle(AuthenticateCitizen request, CancellationToken cancellationToken)
    {
        var zaloUser = await verifier.VerifyAsync(request.AccessToken, request.ClientAddress, cancellationToken);
        if (zaloUser is null)
        {
            return null;
        }

        var citizen = await citizens.FindOrCreateAsync(zaloUser, cancellationToken);
        await activity.RecordAsync(citizen.Id, cancellationToken);
        return new AuthenticatedCitizen(citizen.Id, citizen.ZaloId);
    }
}
