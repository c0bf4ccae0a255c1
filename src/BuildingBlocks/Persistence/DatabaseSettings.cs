using Microsoft.Extensions.Configuration;

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
            ConnectionString = connectionString,
        };
    }
}
