using Marten;
using MediatR;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Agencies.GetAgency;

/// <summary>Answers <see cref="FindAgencyByCode"/>: national systems name agencies by code, not by our ids.</summary>
internal sealed class FindAgencyByCodeHandler(IIdentityStore store) : IRequestHandler<FindAgencyByCode, AgencyInfo?>
{
    public async Task<AgencyInfo?> Handle(FindAgencyByCode request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var agency = await session.Query<Agency>().SingleOrDefaultAsync(a => a.Code == request.Code, cancellationToken);
        return agency?.ToInfo();
    }
}
