using MediatR;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens.GetMyProfile;

internal sealed record GetMyProfileQuery(Guid CitizenId) : IRequest<CitizenProfileResponse>;

internal sealed class GetMyProfileHandler(IdentityDbContext db) : IRequestHandler<GetMyProfileQuery, CitizenProfileResponse>
{
    public async Task<CitizenProfileResponse> Handle(GetMyProfileQuery request, CancellationToken cancellationToken)
    {
        // The authentication handler has just found or created this citizen.
        var citizen = await db.Citizens.AsNoTracking().SingleAsync(c => c.Id == request.CitizenId, cancellationToken);
        return CitizenProfileResponse.From(citizen);
    }
}
