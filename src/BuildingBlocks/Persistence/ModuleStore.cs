using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Messaging;
using Weasel.Core;

namespace Province.BuildingBlocks.Persistence;

/// <summary>One module's Marten store, as the host sees it at start-up and in the migration commands.</summary>
public interface IModuleStore
{
    string Schema { get; }

    IDocumentStore Store(IServiceProvider services);
}

internal sealed class ModuleStore<TStore>(string schema) : IModuleStore
    where TStore : class, IDocumentStore
{
    public string Schema => schema;

    public IDocumentStore Store(IServiceProvider services) => services.GetRequiredService<TStore>();
}

/// <summary>Demo data a module adds when <c>DemoData:Enabled</c> is true. Must be safe to run on every start.</summary>
public interface IDemoDataSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Demo citizens' recent activity (dossiers, field reports, bookings, today's queue), added only when
/// <c>DemoData:Activity</c> is true as well: the tests run with the demo reference data but count their own records.
/// Runs after every module's <see cref="IDemoDataSeeder"/> that is not one, so it finds the reference data there.
/// </summary>
public interface IDemoActivitySeeder : IDemoDataSeeder;

/// <summary>
/// A one-time fill of a module's data that a new document needs (a read model added beside records stored before it
/// existed). Runs at every start, after the schema: it must find cheaply that it was done (the module records it) and be
/// safe when two hosts start at once.
/// </summary>
public interface IDataUpgrade
{
    Task ApplyAsync(CancellationToken cancellationToken);
}

public static class ModuleStoreRegistration
{
    /// <summary>
    /// Registers a module's own Marten store (<typeparamref name="TStore"/>, an interface deriving from
    /// <see cref="IDocumentStore"/>): documents and event streams in the module's schema, System.Text.Json
    /// with the API's conventions (camelCase, enums as strings), lightweight sessions, the inbox of handled
    /// events and the idempotency records, the integration-event relay run by Marten's async daemon (one
    /// leader among host instances; it relays the <see cref="IIntegrationEvent"/> types declared in
    /// <paramref name="integrationEvents"/>, the module's Contracts assembly), a readiness check, and its place in start-up schema management.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenStoreExpression<TStore> AddModuleStore<TStore>(
        this IServiceCollection services, IConfiguration configuration, string schema, System.Reflection.Assembly? integrationEvents, Action<StoreOptions> configure)
        where TStore : class, IDocumentStore
    {
        ArgumentNullException.ThrowIfNull(configure);
        IntegrationEventTypes.Register<TStore>(integrationEvents);
        var settings = DatabaseSettings.From(configuration);
        var relay = configuration.GetSection(OutboxOptions.Section).GetValue("Enabled", true);
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section));
        services.TryAddSingleton(_ => new SharedDataSource(NpgsqlDataSource.Create(settings.PooledConnectionString)));
        var expression = services.AddMartenStore<TStore>(provider =>
        {
            var options = new StoreOptions();
            // Every module's store draws on one connection pool: five pools (one a store) kept up to five times the
            // connections open and idle, each a PostgreSQL backend, and each pool's sizing had to guess at the others.
            options.Connection(provider.GetRequiredService<SharedDataSource>().DataSource);
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
            // Development and tests patch the schema at start (see InitializeDatabasesAsync); production applies
            // the migration SQL written by `build/db-migrate.sh` and never changes the schema itself.
            options.AutoCreateSchemaObjects = settings.MigrateOnStartup ? AutoCreate.CreateOrUpdate : AutoCreate.None;
            options.Events.StreamIdentity = StreamIdentity.AsGuid;
            // Plain INSERTs instead of Marten's append function: measured faster here, and versions are still checked.
            options.Events.AppendMode = EventAppendMode.Quick;
            // Two writers racing on one stream: the loser waits instead of failing after taking a sequence number,
            // so no gap is left for the daemon to wait out (docs/decisions.md).
            options.Events.UseExclusiveLockOnConcurrentAppends = true;
            // Each store has its own daemon leader lock: the default id would make the stores of one database
            // elect a single leader among them.
            options.Projections.DaemonLockId = StableLockId(schema);
            options.ApplyChangesLockId = StableLockId("schema:" + schema);
            // Failed commands are logged without their parameter values (personal data, Decree 13/2023).
            options.DisableNpgsqlLogging = true;
            options.Logger(new ParameterFreeMartenLogger(provider.GetRequiredService<ILoggerFactory>().CreateLogger("Province.Marten." + schema)));
            options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
            options.Schema.For<IdempotencyRecord>().Identity(r => r.Id);
            configure(options);
            return options;
        }).UseLightweightSessions();

        if (relay)
        {
            expression.AddAsyncDaemon(DaemonMode.HotCold);
        }

        if (relay && IntegrationEventTypes.Of<TStore>().Count > 0)
        {
            expression.AddSubscriptionWithServices<IntegrationEventRelay<TStore>>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Options.BatchSize = 100;
            });
        }

        services.AddSingleton<IModuleStore>(new ModuleStore<TStore>(schema));
        services.AddHealthChecks().Add(new HealthCheckRegistration($"database-{schema}",
            provider => new StoreHealthCheck(provider.GetRequiredService<TStore>()), HealthStatus.Unhealthy, ["ready"]));
        return expression;
    }

    /// <summary>The connection pool the module stores share; disposed by the container once, after the stores.</summary>
    private sealed class SharedDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
    {
        public NpgsqlDataSource DataSource => dataSource;

        public ValueTask DisposeAsync() => dataSource.DisposeAsync();
    }

    /// <summary>A PostgreSQL advisory-lock id derived from a name, the same in every process (string.GetHashCode is not).</summary>
    public static int StableLockId(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 17;
        foreach (var character in name)
        {
            hash = unchecked((hash * 31) + character);
        }

        return 10_000 + (Math.Abs(hash % 1_000_000_000));
    }

    private sealed class StoreHealthCheck(IDocumentStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var session = store.QuerySession();
                await session.QueryAsync<int>("select 1", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
            {
                return HealthCheckResult.Unhealthy("PostgreSQL unavailable");
            }
        }
    }
}
