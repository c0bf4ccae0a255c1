using Microsoft.Data.Sqlite;
using Npgsql;

namespace Province.BuildingBlocks.Persistence;

/// <summary>What a database exception means for the caller, on PostgreSQL and SQLite alike.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique index refused the row (a race another request won, or a duplicate).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
            || exception.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
    }

    /// <summary>
    /// The database cannot be reached or is restarting (refused or broken connection, shutdown in progress,
    /// too many connections, pool timeout): nothing was carried out and the request can be retried.
    /// PostgreSQL rolls back the transaction of a broken session itself.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // Class 08: connection exception; 57P: operator intervention (shutdown, crash recovery); 53: insufficient resources.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    // SQLITE_BUSY / SQLITE_LOCKED: another writer held the file past the busy timeout.
                    return true;
                default:
                    break;
            }
        }

        return false;
    }
}
