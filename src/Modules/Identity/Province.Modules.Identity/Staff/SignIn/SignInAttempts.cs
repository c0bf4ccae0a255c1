using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Province.Modules.Identity.Staff.SignIn;

/// <summary>
/// Password tries per user name: at most <see cref="MaxTries"/> in a row without success within <see cref="Window"/>,
/// then the name is locked until the window ends. Kept exact under concurrency by one conditional statement (a burst
/// of parallel guesses cannot get more tries than allowed), and the same for unknown names, so the answers do not tell
/// which names exist. A success clears the name's row.
/// </summary>
internal static class SignInAttempts
{
    public const int MaxTries = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const string Table = "staff_sign_in_attempts";

    public static void AddSignInAttempts(this StoreOptions options)
    {
        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("user_name").AsPrimaryKey();
        table.AddColumn<int>("tries").NotNull();
        table.AddColumn<DateTimeOffset>("window_started_at").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Takes one try for <paramref name="userName"/>; null when allowed, else when the lock ends.</summary>
    public static async Task<DateTimeOffset?> TakeAsync(IDocumentStore store, string userName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = store.Options.DatabaseSchemaName + "." + Table;
        // A new window starts when the last one is over; otherwise the try is counted only while tries are left.
        var sql = $"""
            insert into {table} as a (user_name, tries, window_started_at) values ($1, 1, $2)
            on conflict (user_name) do update set
              tries = case when a.window_started_at <= $3 then 1 else a.tries + 1 end,
              window_started_at = case when a.window_started_at <= $3 then $2 else a.window_started_at end
            where a.window_started_at <= $3 or a.tries < $4
            returning tries
            """;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand(sql, connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = userName });
            take.Parameters.Add(new NpgsqlParameter { Value = now });
            take.Parameters.Add(new NpgsqlParameter { Value = now - Window });
            take.Parameters.Add(new NpgsqlParameter { Value = MaxTries });
            if (await take.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return null;
            }
        }

        await using var lockEnd = new NpgsqlCommand($"select window_started_at from {table} where user_name = $1", connection);
        lockEnd.Parameters.Add(new NpgsqlParameter { Value = userName });
        return await lockEnd.ExecuteScalarAsync(cancellationToken) is DateTime started
            ? new DateTimeOffset(DateTime.SpecifyKind(started, DateTimeKind.Utc)) + Window
            : now + Window;
    }

    /// <summary>A successful sign-in: the name starts afresh.</summary>
    public static async Task ClearAsync(IDocumentStore store, string userName, CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var clear = new NpgsqlCommand($"delete from {store.Options.DatabaseSchemaName}.{Table} where user_name = $1", connection);
        clear.Parameters.Add(new NpgsqlParameter { Value = userName });
        await clear.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Rows of windows long over (names tried once, or never again): removed so the table stays small.</summary>
    public static async Task<int> PurgeAsync(IDocumentStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var purge = new NpgsqlCommand($"delete from {store.Options.DatabaseSchemaName}.{Table} where window_started_at <= $1", connection);
        purge.Parameters.Add(new NpgsqlParameter { Value = now - Window });
        return await purge.ExecuteNonQueryAsync(cancellationToken);
    }
}
