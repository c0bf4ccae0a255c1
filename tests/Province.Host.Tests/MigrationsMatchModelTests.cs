using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Province.BuildingBlocks.Persistence;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// Migrations are SQL files (no EF snapshots here), so this is the guard against drift: the schema
/// the migrations built (the fixture's database) must equal the schema EF would create from the model.
/// </summary>
public sealed class MigrationsMatchModelTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task Each_modules_migrations_build_exactly_the_schema_of_its_model()
    {
        await using var fromModel = await PostgresDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(fromModel.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var database in app.Services.GetServices<IModuleDatabase>())
            {
                await using var create = new NpgsqlCommand(database.GenerateCreateScript(app.Services), connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        var migrated = await DescribeAsync(app.Database.ConnectionString);
        var modelled = await DescribeAsync(fromModel.ConnectionString);

        Assert.NotEmpty(modelled);
        Assert.Equal(modelled, migrated);
    }

    /// <summary>Columns (type, nullability, default) and index definitions of the module schemas, minus EF's history tables.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        const string sql = """
            SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(character_maximum_length::text, '') || ' ' || coalesce(is_identity, '')
            FROM information_schema.columns
            WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'public') AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT indexdef FROM pg_indexes
            WHERE schemaname NOT IN ('pg_catalog', 'public') AND tablename <> '__EFMigrationsHistory'
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
