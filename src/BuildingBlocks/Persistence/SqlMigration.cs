using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Province.BuildingBlocks.Persistence;

/// <summary>
/// A PostgreSQL migration whose body is an SQL file embedded next to it
/// (<c>Migrations/&lt;id&gt;.sql</c>). The first one of a module is what
/// <c>dotnet run --project src/Host -- --schema-sql</c> prints; later ones are written by hand and
/// checked by each module's migrations-match-model test.
/// </summary>
public abstract class SqlMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var id = GetType().GetCustomAttribute<MigrationAttribute>()?.Id
            ?? throw new InvalidOperationException($"{GetType().Name} has no [Migration] attribute.");
        var assembly = GetType().Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith($".Migrations.{id}.sql", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded resource Migrations/{id}.sql not found in {assembly.GetName().Name}.");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        migrationBuilder.Sql(reader.ReadToEnd());
    }
}
