using Marten;
using MediatR;
using Microsoft.Extensions.Caching.Memory;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Agencies.GetAgency;

/// <summary>
/// Answers other modules' <see cref="Contracts.GetAgency"/> requests (the agency directory). Every field report and
/// dossier submission asks; the directory changes only with a reorganisation, so answers are kept in memory for
/// <see cref="Lifetime"/> (an unknown id is not remembered).
/// </summary>
internal sealed class GetAgencyHandler(IIdentityStore store, IMemoryCache cache) : IRequestHandler<Contracts.GetAgency, AgencyInfo?>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<AgencyInfo?> Handle(Contracts.GetAgency request, CancellationToken cancellationToken)
    {
        var key = (typeof(GetAgencyHandler), request.AgencyId);
        if (cache.TryGetValue(key, out AgencyInfo? known))
        {
            return known;
        }

        await using var session = store.QuerySession();
        var agency = (await session.LoadAsync<Agency>(request.AgencyId, cancellationToken))?.ToInfo();
        if (agency is not null)
        {
            cache.Set(key, agency, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }

        return agency;
    }
}
