using Microsoft.EntityFrameworkCore;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Zalo;

/// <summary>Maps a verified Zalo user to their citizen record, creating it the first time.</summary>
internal sealed class CitizenDirectory(IdentityDbContext db, TimeProvider clock)
{
    public async Task<Citizen> FindOrCreateAsync(ZaloUser zaloUser, CancellationToken cancellationToken)
    {
        var citizen = await db.Citizens.AsNoTracking().FirstOrDefaultAsync(c => c.ZaloId == zaloUser.Id, cancellationToken);
        if (citizen is not null)
        {
            return citizen;
        }

        var now = clock.GetUtcNow();
        citizen = new Citizen { ZaloId = zaloUser.Id, ZaloName = zaloUser.Name, CreatedAt = now, UpdatedAt = now };
        db.Citizens.Add(citizen);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(citizen).State = EntityState.Detached;
            return citizen;
        }
        catch (DbUpdateException)
        {
            // The citizen's first two requests raced; the other one created the record.
            db.ChangeTracker.Clear();
            return await db.Citizens.AsNoTracking().FirstAsync(c => c.ZaloId == zaloUser.Id, cancellationToken);
        }
    }
}
