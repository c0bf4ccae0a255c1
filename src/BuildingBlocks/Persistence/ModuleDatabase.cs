using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Persistence;

/// <summary>One module's database, as the host sees it at start-up.</summary>
public interface IModuleDatabase
{
    string Schema { get; }

    /// <summary>SQLite: creates the file and tables from the model. PostgreSQL: applies migrations when <paramref name="migrate"/> is set.</summary>
    Task InitializeAsync(IServiceProvider services, bool migrate, CancellationToken cancellationToken);

    /// <summary>The SQL that creates this module's tables from its current model: the body of a new module's first migration.</summary>
    string GenerateCreateScript(IServiceProvider services);
}

internal sealed class ModuleDatabase<TContext>(string schema) : IModuleDatabase
    where TContext : DbContext
{
    public string Schema => schema;

    public async Task InitializeAsync(IServiceProvider services, bool migrate, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (db.Database.IsSqlite())
        {
            var file = db.Database.GetDbConnection().DataSource;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await db.Database.EnsureCreatedAsync(cancellationToken);
            // Write-ahead logging lets readers and the writer work at the same time.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else if (migrate)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    public string GenerateCreateScript(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<TContext>().Database.GenerateCreateScript();
    }
}

