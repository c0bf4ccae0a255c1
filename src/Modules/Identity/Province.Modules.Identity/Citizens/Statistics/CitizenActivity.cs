using Marten;
using Province.BuildingBlocks.Caching;
using Npgsql;
using Province.BuildingBlocks.Time;
using Province.Modules.Identity.Data;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Province.Modules.Identity.Citizens.Statistics;

/// <summary>
/// The months in which each citizen used the service (made at least one signed-in request), for the leaders' figure of
/// citizens served per month: one row per citizen and month, nothing else. Written at most once in 12 hours per citizen
/// and instance (<see cref="CitizenActivityCache"/> remembers it); the rows go with the citizen when the profile is deleted.
/// </summary>
internal sealed class CitizenActivity(IIdentityStore store, TimeProvider clock, CitizenActivityCache cache)
{
    public const string Table = "citizen_activity";

    private static readonly TimeSpan Remember = TimeSpan.FromHours(12);

    /// <summary>What a remembered month is stored as: one object for every entry, not a boxed value each.</summary>
    private static readonly object Recorded = new();

    /// <summary>Declares the table in the store's schema (primary key citizen and month; an index for the month range).</summary>
    public static void Declare(StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("citizen_id").AsPrimaryKey();
        table.AddColumn<DateOnly>("month").AsPrimaryKey();
        table.Indexes.Add(new IndexDefinition(Table + "_month") { Columns = ["month"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    public async Task RecordAsync(Guid citizenId, CancellationToken cancellationToken)
    {
        var today = clock.TodayInVietnam();
        var month = new DateOnly(today.Year, today.Month, 1);
        // A tuple, not a formatted string: 40 bytes a key instead of about 150, for every citizen of the last 12 hours.
        var key = (citizenId, month.Year * 100 + month.Month);
        if (cache.TryGet(key, out _))
        {
            return;
        }

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"insert into {store.Options.DatabaseSchemaName}.{Table} (citizen_id, month) values ($1, $2) on conflict do nothing", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = citizenId });
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        await command.ExecuteNonQueryAsync(cancellationToken);
        cache.Remember(key, Recorded, Remember);
    }

    /// <summary>Queued in the deleting session, so the rows go in the same transaction as the record.</summary>
    public static void Forget(IDocumentSession session, Guid citizenId) =>
        session.QueueSqlCommand($"delete from {session.DocumentStore.Options.DatabaseSchemaName}.{Table} where citizen_id = ?", citizenId);
}

/// <summary>
/// The citizens whose month is already written, remembered 12 hours. Its own cache, bounded in entries: in the host's
/// shared cache, unbounded, every citizen signed in within 12 hours kept an entry (about 330 bytes each, issue 17).
/// Beyond the bound a citizen's request writes the row again (an insert that does nothing), as after a restart.
/// </summary>
internal sealed class CitizenActivityCache() : BoundedCache<(Guid Citizen, int Month), object>(MaxEntries)
{
    public const int MaxEntries = 100_000;
}
