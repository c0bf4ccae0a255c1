using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Province.BuildingBlocks.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a module's context on PostgreSQL without starting the host.
/// The connection string is never opened while creating a migration.
/// </summary>
public abstract class PostgreSqlDesignTimeFactory<TContext>(string schema) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        var settings = new DatabaseSettings
        {
            Provider = DatabaseProvider.PostgreSql,
            PostgreSqlConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Province") ?? "Host=localhost;Database=province",
        };
        ModuleDatabaseRegistration.Configure(builder, settings, schema, typeof(TContext).Assembly.GetName().Name!);
        return Create(builder.Options);
    }

    protected abstract TContext Create(DbContextOptions<TContext> options);
}
