using Marten;

namespace Province.BuildingBlocks.Persistence;

/// <summary>
/// What every <see cref="IDemoActivitySeeder"/> shares: its records have fixed ids, so a start finds what an earlier one
/// added and adds only what is missing, and two hosts starting at the same moment may both try to add the same ids.
/// </summary>
public static class DemoActivity
{
    /// <summary>
    /// A fixed demo id of a series (one hex digit per kind of record, e.g. 'c' for the demo citizens) and number:
    /// <c>0195a1f0-0000-7000-8000-0000000c0001</c>.
    /// </summary>
    public static Guid FixedId(char series, int number) => Guid.Parse($"0195a1f0-0000-7000-8000-0000000{series}{number:D4}");

    /// <summary>Which of <paramref name="ids"/> are stored as <typeparamref name="TDocument"/> already.</summary>
    public static async Task<HashSet<Guid>> ExistingAsync<TDocument>(IQuerySession session, IEnumerable<Guid> ids, Func<TDocument, Guid> idOf, CancellationToken cancellationToken)
        where TDocument : notnull
        => (await session.LoadManyAsync<TDocument>(cancellationToken, ids.ToArray())).Select(idOf).ToHashSet();

    /// <summary>Saves what the seeder added; when another host starting at the same moment added the same ids first, leaves theirs.</summary>
    public static async Task SaveAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is JasperFx.Events.ExistingStreamIdCollisionException || DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another host instance wrote them first (the same ids): what it wrote is what this one would have.
        }
    }
}
