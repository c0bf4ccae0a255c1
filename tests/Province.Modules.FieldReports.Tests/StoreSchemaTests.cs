using Marten;
using Marten.Linq;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Province.Modules.FieldReports.Data;
using Weasel.Core;

namespace Province.Modules.FieldReports.Tests;

/// <summary>The store's schema as configured is the schema in the database: nothing to patch at the next start.</summary>
public sealed class StoreSchemaTests(FieldReportsApp app) : IClassFixture<FieldReportsApp>
{
    [Fact]
    public async Task The_configured_schema_matches_the_database_so_no_index_is_rebuilt_at_start()
    {
        var store = app.Services.GetRequiredService<IFieldReportsStore>();
        var migration = await store.Storage.Database.CreateMigrationAsync();
        Assert.True(migration.Difference == SchemaPatchDifference.None, string.Join('\n', migration.Deltas.Where(d => d.Difference != SchemaPatchDifference.None).Select(d => $"{d.SchemaObject.Identifier}: {d.Difference}")));

        // The hot reads' indexes, as PostgreSQL prints them (a partial index whose predicate is printed differently would be rebuilt).
        async Task<string> IndexAsync(string name) => await app.Database.ScalarAsync<string>(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index JOIN pg_class ON pg_class.oid = indexrelid WHERE relname = @name", ("name", name));
        Assert.EndsWith("(answered_at DESC) WHERE in_public_feed", await IndexAsync("ix_field_reports_public_feed"), StringComparison.Ordinal);
        Assert.EndsWith("(agency_id, status, due_at)", await IndexAsync("ix_field_reports_agency_queue"), StringComparison.Ordinal);
        Assert.StartsWith("CREATE UNIQUE INDEX", await IndexAsync("mt_doc_fieldreport_idx_code"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_feed_query_reads_its_partial_index()
    {
        var store = app.Services.GetRequiredService<IFieldReportsStore>();
        await using var session = store.QuerySession();
        var feed = session.Query<FieldReport>().Where(r => r.InPublicFeed).OrderByDescending(r => r.AnsweredAt).Take(20).ToCommand(FetchType.FetchMany);

        // A handful of reports make a sequential scan cheapest: forbid it to see which index the planner can use.
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var noSequentialScan = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noSequentialScan.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + feed.CommandText, connection);
        foreach (NpgsqlParameter parameter in feed.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains("ix_field_reports_public_feed", StringComparison.Ordinal));
    }
}
