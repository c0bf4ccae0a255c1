using Marten;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens;

/// <summary>How a citizen's profile is changed: one writer at a time, each change a new version and an event.</summary>
internal static class CitizenChanges
{
    /// <summary>
    /// Opens the session's transaction, locks the citizen's document until the session's SaveChanges
    /// commits, then reads it. A concurrent writer of the same citizen waits here and then reads the
    /// version the first one saved, so a version check made on what this returns cannot be overtaken.
    /// Null when the citizen does not exist (any more).
    /// </summary>
    public static async Task<Citizen?> LoadForChangeAsync(this IDocumentSession session, Guid citizenId, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        var table = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(Citizen)).TableName.QualifiedName;
        var locked = await session.QueryAsync<int>($"select 1 from {table} where id = ? for update", cancellationToken, citizenId);
        return locked.Count == 0 ? null : await session.LoadAsync<Citizen>(citizenId, cancellationToken);
    }

    /// <summary>
    /// Stages the changed citizen with the next version and time, and <see cref="CitizenProfileUpdated"/>
    /// for the other modules: both are written by the caller's SaveChanges, in one transaction.
    /// </summary>
    public static void RecordProfileChange(this IDocumentSession session, Citizen citizen, IReadOnlyList<string> changedFields, DateTimeOffset now)
    {
        var utcNow = now.ToUniversalTime();
        citizen.UpdatedAt = utcNow;
        citizen.Version++;
        session.Update(citizen);
        session.PublishIntegrationEvent(new CitizenProfileUpdated(Guid.CreateVersion7(), utcNow, citizen.Id, changedFields));
    }
}
