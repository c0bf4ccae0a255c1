using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Outbox;

namespace Province.BuildingBlocks.Persistence;

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// Registers a module's DbContext on the configured provider, its outbox dispatcher, its
    /// readiness check, and its place in start-up initialisation.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, IConfiguration configuration, string schema)
        where TContext : ModuleDbContext
    {
        var settings = DatabaseSettings.From(configuration);
        var migrationsAssembly = typeof(TContext).Assembly.GetName().Name!;
        // Pooled: the options are built once and contexts are reset and reused, instead of configuring the
        // provider and constructing a context on every request (measured by build/benchmark.sh).
        services.AddDbContextPool<TContext>(options => Configure(options, settings, schema, migrationsAssembly), poolSize: 256);
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(schema));
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        if (configuration.GetSection(OutboxOptions.Section).GetValue("Enabled", true))
        {
            services.AddHostedService<OutboxDispatcher<TContext>>();
        }

        services.AddHealthChecks().AddDbContextCheck<TContext>($"database-{schema}", tags: ["ready"]);
        return services;
    }

    internal static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings, string schema, string migrationsAssembly)
    {
        if (settings.Provider == DatabaseProvider.PostgreSql)
        {
            var connectionString = settings.PostgreSqlConnectionString
                ?? throw new InvalidOperationException($"Database:Provider is PostgreSql but ConnectionStrings:{DatabaseSettings.ConnectionStringName} is not set.");
            options.UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(migrationsAssembly)
                .MigrationsHistoryTable("__EFMigrationsHistory", schema));
            // Migrations here are SQL scripts without model snapshots (the EF design-time package is not
            // installable), so EF cannot compare snapshots; MigrationsMatchModel tests compare the schemas instead.
            options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning));
        }
        else
        {
            // SQLite has no schemas: each module gets its own file instead, which keeps modules apart just as well.
            var file = Path.Combine(settings.SqliteDirectory, $"{schema}.db");
            options.UseSqlite($"Data Source={file};Cache=Shared");
            options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.SchemaConfiguredWarning));
        }
    }
}
