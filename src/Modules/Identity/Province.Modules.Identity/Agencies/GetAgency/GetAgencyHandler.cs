using Marten;
using MediatR;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Agencies.GetAgency;

/// <summary>Answers other modules' <see cref="Contracts.GetAgency"/> requests (the agency directory).</summary>
internal sealed class GetAgencyHandler(IIdentityStore store) : IRequestHandler<Contracts.GetAgency, AgencyInfo?>
{
    public async Task<AgencyInfo?> Handle(Contracts.GetAgency request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var agency = await session.LoadAsync<Agency>(request.AgencyId, cancellationToken);
        return agency?.ToInfo();
    }
}
