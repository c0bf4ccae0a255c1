using Npgsql;

namespace Province.Testing;

/// <summary>
/// A fresh PostgreSQL database for one test fixture, on the private cluster that <c>build/test.sh</c>
/// starts. Without that cluster the tests fail loudly: they never fall back to a fake database.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string AdminVariable = "PROVINCE_TEST_POSTGRES";

    private readonly string _admin;

    private PostgresDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(AdminVariable);
        if (string.IsNullOrEmpty(admin))
        {
            throw new InvalidOperationException(
                $"{AdminVariable} is not set. Run the tests with `bash build/test.sh`, which starts a private PostgreSQL and sets it.");
        }

        var database = new PostgresDatabase(admin, "province_test_" + Guid.NewGuid().ToString("N")[..16]);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>Runs one query against this database and returns the first column of the first row.</summary>
    public Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) =>
        QueryScalarAsync<T>(ConnectionString, sql, parameters);

    /// <summary>Runs one query against <paramref name="connectionString"/> and returns the first column of the first row.</summary>
    public static async Task<T> QueryScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is T typed ? typed : (T)Convert.ChangeType(result!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
