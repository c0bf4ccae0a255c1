using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Province.BuildingBlocks.Persistence;

/// <summary>Configuration section <c>Database</c> plus <c>ConnectionStrings:Province</c> (PostgreSQL).</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Province";

    /// <summary>
    /// Let Marten create and patch each module's schema when the host starts (development, tests, the
    /// README's run command). Production leaves it off and applies the SQL that <c>build/db-migrate.sh</c> writes.
    /// </summary>
    public bool MigrateOnStartup { get; init; }

    public required string ConnectionString { get; init; }

    /// <summary>
    /// How many of the statements a pooled connection runs most often Npgsql prepares on it (<c>Database:MaxAutoPrepare</c>,
    /// default <see cref="DefaultMaxAutoPrepare"/>; 0 turns it off, as a PgBouncer before 1.21 in transaction mode needs):
    /// PostgreSQL then neither parses nor, where a generic plan serves, plans them again on every request. Marten prepares
    /// nothing itself and writes the same text for a query whatever its values (paging included), so its statements are
    /// reused. Measured here (docs/decisions.md ADR 24): the public lookup 30% more requests a second, the officer queue
    /// about 10%. A <c>Max Auto Prepare</c> in the connection string wins over this setting.
    /// </summary>
    public int MaxAutoPrepare { get; init; } = DefaultMaxAutoPrepare;

    public const int DefaultMaxAutoPrepare = 32;

    /// <summary>The connection string the shared pool opens connections with: <see cref="ConnectionString"/> with <see cref="MaxAutoPrepare"/>.</summary>
    public string PooledConnectionString
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (builder.MaxAutoPrepare == 0)
            {
                builder.MaxAutoPrepare = MaxAutoPrepare;
            }

            return builder.ConnectionString;
        }
    }

    public static DatabaseSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Province stores everything in PostgreSQL: start it with " +
                "`bash build/run.sh` (which starts a private PostgreSQL) or set ConnectionStrings__Province.");
        }

        return new DatabaseSettings
        {
            MigrateOnStartup = configuration.GetSection(Section).GetValue("MigrateOnStartup", false),
            MaxAutoPrepare = Math.Max(0, configuration.GetSection(Section).GetValue("MaxAutoPrepare", DefaultMaxAutoPrepare)),
            ConnectionString = connectionString,
        };
    }
}
