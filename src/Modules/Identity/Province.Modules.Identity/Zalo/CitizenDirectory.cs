using Marten;
using Microsoft.Extensions.Caching.Memory;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Zalo;

/// <summary>The part of a citizen record every authenticated request needs.</summary>
internal sealed record CitizenKey(Guid Id, string ZaloId);

/// <summary>
/// Maps a verified Zalo user to their citizen record, creating it the first time. The mapping is kept in
/// memory for a minute: it runs on every citizen request, and the database lookup was a tenth of a write's
/// cost in the benchmark. Deleting a profile forgets it at once on this instance (<see cref="Forget"/>);
/// another instance may map the Zalo user to the deleted record for at most that minute.
/// </summary>
internal sealed class CitizenDirectory(IIdentityStore store, TimeProvider clock, IMemoryCache cache)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);

    public async Task<CitizenKey> FindOrCreateAsync(ZaloUser zaloUser, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(zaloUser.Id), out CitizenKey? known) && known is not null)
        {
            return known;
        }

        var citizen = await FindOrCreateRecordAsync(zaloUser, cancellationToken);
        var key = new CitizenKey(citizen.Id, citizen.ZaloId);
        cache.Set(CacheKey(zaloUser.Id), key, Remember);
        return key;
    }

    public static void Forget(IMemoryCache cache, string zaloId) => cache.Remove(CacheKey(zaloId));

    private static string CacheKey(string zaloId) => "identity:citizen-by-zalo:" + zaloId;

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
