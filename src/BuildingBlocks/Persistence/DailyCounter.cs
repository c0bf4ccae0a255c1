using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Province.BuildingBlocks.Persistence;

/// <summary>
/// Running numbers per scope and day (dossier codes, queue tickets): a table <c>(scope, day, last_number)</c>
/// that the module's Marten store owns (declared with <see cref="AddDailyCounter"/>, created and migrated with
/// its documents). One <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c> creates the day's row or takes
/// the next number: concurrent callers on any number of host instances get distinct consecutive numbers.
/// </summary>
public static partial class DailyCounter
{
    /// <summary>
    /// Declares the counter table <paramref name="table"/> in the store's schema; returned so a module can keep more
    /// figures of the scope's day in the same row (nullable columns: rows written before they existed hold NULLs).
    /// </summary>
    public static Table AddDailyCounter(this StoreOptions options, string table)
    {
        ArgumentNullException.ThrowIfNull(options);
        var counter = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        counter.AddColumn<string>("scope").AsPrimaryKey();
        counter.AddColumn<DateOnly>("day").AsPrimaryKey();
        counter.AddColumn<int>("last_number").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(counter);
        return counter;
    }

    /// <summary>
    /// Takes the next number in a one-statement transaction of its own, so the counter row is locked for one
    /// statement instead of the caller's whole transaction (which serialized every submission of an agency:
    /// 127 ms mean lock wait in build/benchmark.sh). A caller that then fails leaves a gap, as a voided
    /// paper receipt does.
    /// </summary>
    public static async Task<int> TakeAsync(IDocumentStore store, string table, string scope, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var schema = store.Options.DatabaseSchemaName;
        var sql = "insert into " + schema + "." + table + " as c (scope, day, last_number) values ($1, $2, 1) " +
            "on conflict (scope, day) do update set last_number = c.last_number + 1 returning c.last_number";
        return (int)(await ScalarAsync(store, sql, [scope, day], cancellationToken))!;
    }

    /// <summary>
    /// Takes the next number only while the day's count is below <paramref name="limit"/> (a daily quota): one
    /// conditional statement, so concurrent callers on any number of instances never take more than the limit.
    /// Null when the limit is reached.
    /// </summary>
    public static async Task<int?> TryTakeWithinAsync(IDocumentStore store, string table, string scope, DateOnly day, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (limit <= 0)
        {
            return null;
        }

        var schema = store.Options.DatabaseSchemaName;
        var sql = "insert into " + schema + "." + table + " as c (scope, day, last_number) values ($1, $2, 1) " +
            "on conflict (scope, day) do update set last_number = c.last_number + 1 where c.last_number < $3 returning c.last_number";
        return await ScalarAsync(store, sql, [scope, day, limit], cancellationToken) is int taken ? taken : null;
    }

    /// <summary>
    /// Runs one statement on a connection of the store's database, in a transaction of its own (positional parameters
    /// <c>$1</c>, <c>$2</c>...), and returns its first value: for counter statements a module writes itself.
    /// </summary>
    public static async Task<object?> ScalarAsync(IDocumentStore store, string sql, object[] values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(values);
        // A plain command, not session.QueryAsync: Marten reads SQL that does not start with "select" as a
        // where clause of a document query, and int is no document.
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
