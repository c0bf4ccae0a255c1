using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weasel.Core.Migrations;

namespace Province.BuildingBlocks.Persistence;

/// <summary>Schema creation, migration files and demo data for every module store a host registered.</summary>
public static partial class ModuleDatabases
{
    /// <summary>
    /// Lets Marten create or patch every module store's schema when asked (<c>--migrate</c> or
    /// <c>Database:MigrateOnStartup</c>), runs the modules' one-time data upgrades (<see cref="IDataUpgrade"/>), then adds demo data when <c>DemoData:Enabled</c> (never in the migrate-only run), and the demo citizens' activity when <c>DemoData:Activity</c> as well.
    /// </summary>
    public static async Task InitializeDatabasesAsync(this WebApplication app, bool migrate, bool seed = true)
    {
        var settings = DatabaseSettings.From(app.Configuration);
        if (migrate || settings.MigrateOnStartup)
        {
            foreach (var module in app.Services.GetServices<IModuleStore>())
            {
                // Creates or patches the module's tables, indexes, event store and counter tables; Marten holds an
                // advisory lock meanwhile, so two hosts starting together do not race.
                await module.Store(app.Services).Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                LogStoreReady(app.Logger, module.Schema);
            }
        }

        // Every start (a schema applied from migration files by build/db-migrate.sh included): each upgrade finds at once when it was done.
        await using (var upgrades = app.Services.CreateAsyncScope())
        {
            foreach (var upgrade in upgrades.ServiceProvider.GetServices<IDataUpgrade>())
            {
                await upgrade.ApplyAsync(CancellationToken.None);
            }
        }

        if (seed && app.Configuration.GetValue("DemoData:Enabled", false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seeders = scope.ServiceProvider.GetServices<IDemoDataSeeder>().ToList();
            var activity = app.Configuration.GetValue("DemoData:Activity", false);
            // Reference data of every module first, then the activity that refers to it (citizens, agencies, procedures, offices).
            var watch = System.Diagnostics.Stopwatch.StartNew();
            foreach (var seeder in seeders.Where(s => s is not IDemoActivitySeeder).Concat(seeders.Where(s => activity && s is IDemoActivitySeeder)))
            {
                await seeder.SeedAsync(CancellationToken.None);
            }

            LogDemoDataReady(app.Logger, activity, watch.ElapsedMilliseconds);
        }
    }

    /// <summary>Writes each module store's migration SQL (what the database lacks against the code) into <paramref name="directory"/>.</summary>
    public static async Task WriteMigrationsAsync(this WebApplication app, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var module in app.Services.GetServices<IModuleStore>())
        {
            var file = Path.Combine(directory, $"{module.Schema}.sql");
            await module.Store(app.Services).Storage.Database.WriteMigrationFileAsync(file);
            LogMigrationWritten(app.Logger, module.Schema, file);
        }
    }

    /// <summary>Applies one migration file written by <see cref="WriteMigrationsAsync"/>, all or nothing.</summary>
    public static async Task ApplyMigrationFileAsync(this WebApplication app, string file)
    {
        var sql = await File.ReadAllTextAsync(file);
        await using var connection = new Npgsql.NpgsqlConnection(DatabaseSettings.From(app.Configuration).ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new Npgsql.NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        LogMigrationApplied(app.Logger, file);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data ready (activity: {Activity}) in {Milliseconds} ms")]
    private static partial void LogDemoDataReady(ILogger logger, bool activity, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration {File} applied")]
    private static partial void LogMigrationApplied(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marten store of module schema {Schema} ready")]
    private static partial void LogStoreReady(ILogger logger, string schema);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration of module schema {Schema} written to {File}")]
    private static partial void LogMigrationWritten(ILogger logger, string schema, string file);
}
