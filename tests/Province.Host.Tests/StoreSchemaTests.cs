using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Province.BuildingBlocks.Persistence;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// Schema management on Marten: what the host builds at start in development equals what the stores are
/// configured for (a partial-index predicate PostgreSQL prints differently would be dropped and rebuilt at
/// every start), and the migration SQL production applies (`build/db-migrate.sh`) builds that same schema. The host runs
/// with the demo activity (dossiers, reports, bookings, tickets written at start): a document type a module writes without
/// registering it gets its table from Marten on first use in development, never from the migration, and shows here.
/// </summary>
public sealed class StoreSchemaTests(DemoActivityApp app) : IClassFixture<DemoActivityApp>
{
    [Fact]
    public async Task Every_module_store_matches_its_configuration_after_start()
    {
        var stores = app.Services.GetServices<IModuleStore>().ToList();
        Assert.Equal(["appointments", "dossiers", "field_reports", "identity", "notifications"], stores.Select(s => s.Schema).Order());

        foreach (var module in stores)
        {
            // Throws with the differences when a table, index or function would be changed by a migration.
            await module.Store(app.Services).Storage.Database.AssertDatabaseMatchesConfigurationAsync();
        }
    }

    [Fact]
    public async Task The_migration_sql_written_for_production_builds_the_schema_the_host_builds_itself()
    {
        await using var empty = await PostgresDatabase.CreateAsync();
        var directory = Directory.CreateTempSubdirectory("province-migrations-").FullName;
        try
        {
            await WriteMigrationsAsync(empty.ConnectionString, directory);
            // Beside each <schema>.sql Marten writes <schema>.drop.sql, the way back; only the way forward is applied.
            var files = Directory.GetFiles(directory, "*.sql").Where(f => !f.EndsWith(".drop.sql", StringComparison.Ordinal)).ToList();
            Assert.Equal(5, files.Count);
            Assert.Equal(5, Directory.GetFiles(directory, "*.drop.sql").Length);
            await using (var connection = new NpgsqlConnection(empty.ConnectionString))
            {
                await connection.OpenAsync();
                foreach (var file in files)
                {
                    await using var apply = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection);
                    await apply.ExecuteNonQueryAsync();
                }
            }

            var migrated = await DescribeAsync(empty.ConnectionString);
            var builtAtStart = await DescribeAsync(app.Database.ConnectionString);
            Assert.NotEmpty(builtAtStart);
            Assert.Equal(builtAtStart, migrated);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Issue 17: every index is written on every insert and on every update that changes its columns. An index whose
    /// columns begin another index of the same table (no predicate, no expression, not unique) answers nothing the
    /// other does not, and only costs writes: Marten's <c>Duplicate()</c> adds a one-column index to every duplicated
    /// column, which a composite index on the same leading column makes redundant (six on the field report table).
    /// </summary>
    [Fact]
    public async Task No_module_table_has_an_index_another_index_of_it_already_serves()
    {
        const string sql = """
            WITH plain AS (
                SELECT t.oid AS table_id, n.nspname || '.' || i.relname AS name,
                       (SELECT array_agg(k ORDER BY position) FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS c(k, position)) AS columns,
                       x.indisunique AS is_unique, x.indpred IS NULL AND x.indexprs IS NULL AS is_plain,
                       (SELECT array_agg(o ORDER BY position) FROM unnest(x.indoption::int2[]) WITH ORDINALITY AS c(o, position)) AS options
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname IN ('appointments', 'dossiers', 'field_reports', 'identity', 'notifications'))
            SELECT a.name || ' ' || a.columns::text || ' begins ' || b.name || ' ' || b.columns::text
            FROM plain a JOIN plain b ON a.table_id = b.table_id AND a.name <> b.name
            WHERE a.is_plain AND b.is_plain AND NOT a.is_unique
              AND cardinality(a.columns) <= cardinality(b.columns)
              AND b.columns[1:cardinality(a.columns)] = a.columns
              AND b.options[1:cardinality(a.options)] = a.options
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var redundant = new List<string>();
        while (await reader.ReadAsync())
        {
            redundant.Add(reader.GetString(0));
        }

        Assert.Empty(redundant);
    }

    /// <summary>Runs the built host with <c>--write-migrations</c> against <paramref name="connectionString"/>, as build/db-migrate.sh does.</summary>
    private static async Task WriteMigrationsAsync(string connectionString, string directory)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Province.Host.dll"));
        start.ArgumentList.Add("--write-migrations");
        start.ArgumentList.Add(directory);
        start.Environment["ConnectionStrings__Province"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"--write-migrations exited with {process.ExitCode}:\n{await output}\n{await errors}");
    }

    /// <summary>Columns (type, nullability) and index definitions of the module schemas.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        const string sql = """
            SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(character_maximum_length::text, '')
            FROM information_schema.columns
            WHERE table_schema NOT IN ('pg_catalog', 'information_schema', 'public')
            UNION ALL
            SELECT indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'public')
            UNION ALL
            SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'public')
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
