using System.Data.Common;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Province.BuildingBlocks.Persistence;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>The module stores' pool with Npgsql's auto-prepare turned off, as behind a PgBouncer before 1.21 in transaction mode.</summary>
public sealed class NoPreparedStatementsApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:MaxAutoPrepare"] = "0" };
}

/// <summary>
/// Issue 17: a pooled connection of the module stores prepares the statements it runs again and again (Npgsql's
/// auto-prepare, <c>Database:MaxAutoPrepare</c>), so PostgreSQL no longer parses them on every request; 0 turns it off.
/// Seen in PostgreSQL's own list of the connection's prepared statements.
/// </summary>
public sealed class PreparedStatementsTests(ProvinceApp app, NoPreparedStatementsApp withoutPreparing)
    : IClassFixture<ProvinceApp>, IClassFixture<NoPreparedStatementsApp>
{
    // A statement of this test's own, so that what the host ran on the same pooled connection before does not count.
    private const string Statement = "select count(*) from identity.mt_doc_agency where data ->> 'name' <> $1";

    [Fact]
    public async Task A_statement_a_pooled_connection_runs_again_and_again_is_prepared_on_it()
    {
        Assert.Equal((0, 1), await PreparedBeforeAndAfterTenRunsAsync(app));
    }

    [Fact]
    public async Task With_preparing_turned_off_nothing_is_prepared()
    {
        Assert.Equal((0, 0), await PreparedBeforeAndAfterTenRunsAsync(withoutPreparing));
    }

    [Fact]
    public void A_Max_Auto_Prepare_in_the_connection_string_wins_over_the_setting()
    {
        static int Pooled(string connectionString, string? setting) => new NpgsqlConnectionStringBuilder(DatabaseSettings.From(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Province"] = connectionString,
                ["Database:MaxAutoPrepare"] = setting,
            }).Build()).PooledConnectionString).MaxAutoPrepare;

        Assert.Equal(DatabaseSettings.DefaultMaxAutoPrepare, Pooled("Host=db;Database=province", null));
        Assert.Equal(0, Pooled("Host=db;Database=province", "0"));
        Assert.Equal(7, Pooled("Host=db;Database=province;Max Auto Prepare=7", "0"));
    }

    private static async Task<(long Before, long After)> PreparedBeforeAndAfterTenRunsAsync(ProvinceApp host)
    {
        var store = host.Services.GetServices<IModuleStore>().Single(s => s.Schema == "identity").Store(host.Services);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        var before = await PreparedAsync(connection);
        for (var run = 0; run < 10; run++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Statement;
            command.Parameters.Add(new NpgsqlParameter { Value = "-" });
            await command.ExecuteScalarAsync();
        }

        return (before, await PreparedAsync(connection));
    }

    private static async Task<long> PreparedAsync(DbConnection connection)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = "select count(*) from pg_prepared_statements where statement = $1";
        count.Parameters.Add(new NpgsqlParameter { Value = Statement });
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
