using Province.BuildingBlocks.Persistence;

namespace Province.Host.Setup;

internal static partial class Databases
{
    /// <summary>
    /// Creates the SQLite files (embedded default) or applies PostgreSQL migrations when asked, then
    /// adds demo data when <c>DemoData:Enabled</c> (never in the migrate-only run).
    /// </summary>
    public static async Task InitializeDatabasesAsync(this WebApplication app, bool migrate, bool seed = true)
    {
        var settings = DatabaseSettings.From(app.Configuration);
        foreach (var database in app.Services.GetServices<IModuleDatabase>())
        {
            await database.InitializeAsync(app.Services, migrate || settings.MigrateOnStartup, CancellationToken.None);
            LogInitialized(app.Logger, database.Schema, settings.Provider);
        }

        if (seed && app.Configuration.GetValue("DemoData:Enabled", false))
        {
            await using var scope = app.Services.CreateAsyncScope();
            foreach (var seeder in scope.ServiceProvider.GetServices<IDemoDataSeeder>())
            {
                await seeder.SeedAsync(CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of module schema {Schema} ready on {Provider}")]
    private static partial void LogInitialized(ILogger logger, string schema, DatabaseProvider provider);
}
