using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Processing.OfficerQueue;

namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Issue 17: the statements of the queue an officer opens first (the agency's open work: its page and its count) are
/// prepared on the pooled connections, and PostgreSQL may then keep one generic plan for them instead of planning every
/// call again (0.12 ms a call for the count at 1,000,000 lines; docs/decisions.md ADR 24, thirteenth session). It can
/// only when the open statuses are constants in the statement: a generic plan is made without the parameters' values,
/// and with the statuses as a parameter it cannot prove the open-queue index serves the query. Run here as Marten sends
/// them, prepared, on a table of a few thousand lines, where PostgreSQL keeps a generic plan of both with constants and
/// of neither with the array (on a handful of lines it takes one for any form; at the benchmark's 1,000,000 it keeps
/// one of the count only, the page's OFFSET and LIMIT being parameters).
/// </summary>
public sealed class QueuePlanTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static readonly Guid[] Agencies = [.. Enumerable.Range(1, 8).Select(_ => Guid.NewGuid())];

    [Fact]
    public async Task PostgreSQL_keeps_a_generic_plan_for_the_open_work_s_page_and_count()
    {
        var store = app.Services.GetRequiredService<IDossiersStore>();
        await LoadLinesAsync(store);

        var agency = Agencies[3];
        var count = store.Diagnostics.PreviewCommand(new OpenQueueCount { AgencyId = agency });
        var page = store.Diagnostics.PreviewCommand(new OpenQueuePage { AgencyId = agency, Skip = 0, Take = 20 });

        // A connection of its own, outside the pool: its prepared statements are this test's only.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var command in new[] { count, page })
        {
            command.Connection = connection;
            await command.PrepareAsync();
            for (var run = 0; run < 10; run++)
            {
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            }
        }

        Assert.Equal(50L, await count.ExecuteScalarAsync());
        await using var plans = new NpgsqlCommand("select statement, generic_plans, custom_plans from pg_prepared_statements where not from_sql", connection);
        await using var rows = await plans.ExecuteReaderAsync();
        var seen = new List<string>();
        while (await rows.ReadAsync())
        {
            seen.Add($"{rows.GetInt64(1)} generic and {rows.GetInt64(2)} custom plans: {rows.GetString(0)}");
        }

        Assert.Equal(2, seen.Count);
        Assert.All(seen, plan => Assert.DoesNotMatch("^0 generic", plan));
    }

    /// <summary>
    /// The open-work count reads only the index for lines on pages a vacuum marked all-visible: the lines' table tells
    /// autovacuum to come after a few thousand new or changed lines, not after a fifth of the table (PostgreSQL's
    /// default; that it then comes is PostgreSQL's part, seen in build/benchmark.sh), and a database whose table was made
    /// before these settings gets them at the next start, as every schema change does.
    /// </summary>
    [Fact]
    public async Task The_queue_lines_carry_autovacuum_thresholds_of_a_few_thousand_changes_also_in_a_database_made_before()
    {
        const string Settings = "select coalesce(array_to_string(reloptions, ' '), '') from pg_class where oid = 'dossiers.mt_doc_dossierqueueline'::regclass";
        var expected = new[]
        {
            $"autovacuum_vacuum_insert_threshold={IDossiersStore.QueueLinesVacuumThreshold}",
            "autovacuum_vacuum_insert_scale_factor=0.002",
            $"autovacuum_vacuum_threshold={IDossiersStore.QueueLinesVacuumThreshold}",
            "autovacuum_vacuum_scale_factor=0.002",
        };
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await app.Database.ScalarAsync<string>(Settings)).Split(' ').Order(StringComparer.Ordinal));

        // The table as a database made before these settings has it, then the schema check every start runs.
        await app.Database.ScalarAsync<int>("alter table dossiers.mt_doc_dossierqueueline reset (autovacuum_vacuum_insert_threshold, " +
            "autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_scale_factor); select 1");
        Assert.Equal("", await app.Database.ScalarAsync<string>(Settings));
        var store = app.Services.GetRequiredService<IDossiersStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        Assert.Equal(expected.Order(StringComparer.Ordinal), (await app.Database.ScalarAsync<string>(Settings)).Split(' ').Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// 4,000 lines of eight agencies, as years leave them: most closed, 50 open for each agency; then the statistics.
    /// </summary>
    private static async Task LoadLinesAsync(IDossiersStore store)
    {
        var statuses = new[] { DossierStatus.New, DossierStatus.Accepted, DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.FeeRequested };
        var today = new DateOnly(2026, 3, 2);
        var lines = Enumerable.Range(0, 4000).Select(n => new DossierQueueLine
        {
            Id = Guid.CreateVersion7(),
            Code = $"PLAN-{n:D5}",
            ProcedureCode = "1.001193",
            ProcedureName = "Đăng ký khai sinh",
            Field = "Hộ tịch",
            AgencyId = Agencies[n % Agencies.Length],
            AgencyName = "Cơ quan",
            ApplicantName = $"Công dân {n}",
            Status = n < 400 ? statuses[n / 8 % statuses.Length] : DossierStatus.ResultReturned,
            SubmittedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(n),
            DueDate = today.AddDays(n % 60 - 20),
            Revision = 1,
        }).ToList();
        await store.BulkInsertAsync(lines);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("analyze dossiers.mt_doc_dossierqueueline", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
