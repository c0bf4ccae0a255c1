using Marten;
using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Zalo;

/// <summary>The part of a citizen record every authenticated request needs.</summary>
internal sealed record CitizenKey(Guid Id, string ZaloId);

/// <summary>
/// Maps a verified Zalo user to their citizen record, creating it the first time. The mapping is kept in
/// memory for a minute (<see cref="CitizenDirectoryCache"/>): it runs on every citizen request, and the database lookup
/// was a tenth of a write's cost in the benchmark. Deleting a profile forgets it at once on this instance
/// (<see cref="BoundedCache{TKey, TValue}.Forget"/> by the Zalo id); another instance may map the Zalo user to the deleted record for at most
/// that minute.
/// </summary>
internal sealed class CitizenDirectory(IIdentityStore store, TimeProvider clock, CitizenDirectoryCache cache)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);

    public async Task<CitizenKey> FindOrCreateAsync(ZaloUser zaloUser, CancellationToken cancellationToken)
    {
        if (cache.TryGet(zaloUser.Id, out var known))
        {
            return known;
        }

        var citizen = await FindOrCreateRecordAsync(zaloUser, cancellationToken);
        // The Zalo user's id string, which the token verdict keeps already, rather than the record's copy of it.
        var key = new CitizenKey(citizen.Id, zaloUser.Id);
        cache.Remember(zaloUser.Id, key, Remember);
        return key;
    }

    private async Task<Citizen> FindOrCreateRecordAsync(ZaloUser zaloUser, CancellationToken cancellationToken)
    {
        await using (var query = store.QuerySession())
        {
            var known = await query.Query<Citizen>().FirstOrDefaultAsync(c => c.ZaloId == zaloUser.Id, cancellationToken);
            if (known is not null)
            {
                return known;
            }
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        var citizen = new Citizen { ZaloId = zaloUser.Id, ZaloName = zaloUser.Name, CreatedAt = now, UpdatedAt = now };
        try
        {
            await using var session = store.LightweightSession();
            session.Insert(citizen);
            await session.SaveChangesAsync(cancellationToken);
            return citizen;
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // The citizen's first two requests raced; the other one created the record (unique Zalo id).
            await using var query = store.QuerySession();
            return await query.Query<Citizen>().FirstAsync(c => c.ZaloId == zaloUser.Id, cancellationToken);
        }
    }
}

/// <summary>
/// The citizen records of the Zalo users seen in the last minute, keyed by the Zalo user id itself. Its own cache,
/// bounded in entries: in the host's shared cache, unbounded, each one had a key made on every request
/// ("identity:citizen-by-zalo:" and the id, about 110 bytes) and kept a minute (issue 17). Beyond the bound a request
/// reads the record again, as after a restart.
/// </summary>
internal sealed class CitizenDirectoryCache() : BoundedCache<string, CitizenKey>(MaxEntries)
{
    public const int MaxEntries = 100_000;
}
