using Marten;
using Microsoft.Extensions.DependencyInjection;
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
}
