using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Province.Testing;

/// <summary>
/// A PostgreSQL cluster of one test's own (initdb in a temporary folder, on a free port), for fault tests
/// that stop and restart the server: the shared cluster of <c>build/test.sh</c> must never be disturbed.
/// Binaries come from <c>PROVINCE_PG_BIN</c> (set by build/test.sh). As root, the cluster runs as the
/// postgres user, as initdb requires.
/// </summary>
public sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asPostgresUser = Environment.UserName == "root";

    private PrivatePostgresCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=40";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    public static async Task<PrivatePostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("PROVINCE_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL binaries not found in {bin}. Run the tests with `bash build/test.sh`.");
        }

        var folder = Directory.CreateTempSubdirectory("province-fault-pg-").FullName;
        var cluster = new PrivatePostgresCluster(bin, folder, FreePort());
        if (cluster._asPostgresUser)
        {
            await RunAsync("chown", ["postgres", folder]);
        }

        await cluster.RunPostgresToolAsync("initdb", ["-D", cluster.Data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
        await cluster.StartServerAsync();
        return cluster;
    }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartServerAsync() => RunPostgresToolAsync("pg_ctl",
        ["-D", Data, "-l", Path.Combine(_folder, "postgres.log"), "-w", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c full_page_writes=off", "start"]);

    /// <summary>Stops the server the way an operator's restart does (fast: sessions are cut, transactions rolled back).</summary>
    public Task StopServerAsync() => RunPostgresToolAsync("pg_ctl", ["-D", Data, "-m", "fast", "-w", "stop"]);

    /// <summary>A connection string to <paramref name="database"/> on this cluster.</summary>
    public string ConnectionTo(string database) => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public Task<T> ScalarAsync<T>(string database, string sql) => PostgresDatabase.QueryScalarAsync<T>(ConnectionTo(database), sql);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPostgresToolAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the test.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task RunPostgresToolAsync(string tool, string[] arguments) => _asPostgresUser
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
