using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Province.BuildingBlocks.Persistence;

public enum DatabaseProvider
{
    /// <summary>Embedded default: one file per module under <see cref="DatabaseSettings.SqliteDirectory"/>, created on first run.</summary>
    Sqlite,

    /// <summary>Production and tests: one schema per module in one database, built by migrations.</summary>
    PostgreSql,
}

/// <summary>Configuration section <c>Database</c> plus <c>ConnectionStrings:Province</c>.</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Province";

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Where SQLite files go; relative paths are under the host's content root.</summary>
    public string SqliteDirectory { get; init; } = "data";

    /// <summary>Apply PostgreSQL migrations when the host starts (the documented alternative is <c>build/db-migrate.sh</c>).</summary>
    public bool MigrateOnStartup { get; init; }

    public string? PostgreSqlConnectionString { get; init; }

    public static DatabaseSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var directory = section["SqliteDirectory"] ?? "data";
        if (!Path.IsPathRooted(directory))
        {
            var root = configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory();
            directory = Path.Combine(root, directory);
        }

        return new DatabaseSettings
        {
            Provider = section.GetValue("Provider", DatabaseProvider.Sqlite),
            SqliteDirectory = directory,
            MigrateOnStartup = section.GetValue("MigrateOnStartup", false),
            PostgreSqlConnectionString = configuration.GetConnectionString(ConnectionStringName),
        };
    }
}
