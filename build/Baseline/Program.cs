using Npgsql;

// GET /row: one row of one table (an agency's name from Identity's Marten document table, by its unique
// duplicated code column); POST /insert: one row inserted (a uuid key, a small JSON document and a timestamp,
// the shape of a Marten document row) in its own implicit transaction. No framework beyond minimal APIs and
// Npgsql's pool: the yardsticks of the read and the write scenarios.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
// Prepared as Province's pool prepares its statements (Database:MaxAutoPrepare, 32 by default, unless the connection
// string says otherwise), so that the ratios compare like with like.
var connection = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Province")
    ?? throw new InvalidOperationException("ConnectionStrings:Province is not set."));
if (connection.MaxAutoPrepare == 0)
{
    connection.MaxAutoPrepare = builder.Configuration.GetValue("Database:MaxAutoPrepare", 32);
}

var dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
await using (var create = dataSource.CreateCommand(
    "CREATE TABLE IF NOT EXISTS public.baseline_rows (id uuid PRIMARY KEY, data jsonb NOT NULL, created_at timestamptz NOT NULL)"))
{
    await create.ExecuteNonQueryAsync();
}

var app = builder.Build();

app.MapGet("/row", async (CancellationToken cancellationToken) =>
{
    await using var command = dataSource.CreateCommand("SELECT data ->> 'name' FROM identity.mt_doc_agency WHERE code = $1");
    command.Parameters.AddWithValue("000.30.01.H57");
    return Results.Text((string?)await command.ExecuteScalarAsync(cancellationToken) ?? "");
});

app.MapPost("/insert", async (CancellationToken cancellationToken) =>
{
    var id = Guid.CreateVersion7();
    await using var command = dataSource.CreateCommand("INSERT INTO public.baseline_rows (id, data, created_at) VALUES ($1, $2::jsonb, $3)");
    command.Parameters.AddWithValue(id);
    command.Parameters.AddWithValue("{\"title\":\"Đèn đường không sáng\",\"description\":\"Đo tải\",\"latitude\":11.31,\"longitude\":106.1}");
    command.Parameters.AddWithValue(DateTime.UtcNow);
    await command.ExecuteNonQueryAsync(cancellationToken);
    return Results.Created($"/insert/{id}", null);
});

await app.RunAsync();
