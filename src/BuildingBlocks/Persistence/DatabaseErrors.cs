using JasperFx;
using Npgsql;

namespace Province.BuildingBlocks.Persistence;

/// <summary>What a database exception means for the caller.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique index refused the row (a race another request won, or a duplicate), or Marten refused an Insert of an existing id.</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DocumentAlreadyExistsException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Someone else changed the record first: a stale document version, an event stream at another version
    /// than expected, or a stream started twice.
    /// </summary>
    public static bool IsConcurrencyConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ConcurrencyException or JasperFx.Events.ExistingStreamIdCollisionException)
            {
                return true;
            }
        }

        return false;
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
                default:
                    break;
            }
        }

        return false;
    }
}
