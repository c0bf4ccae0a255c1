using Npgsql;

// GET /row: one row of one table (an agency's name from Identity's Marten document table, by its unique
// duplicated code column), no framework beyond minimal APIs and Npgsql's pool.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var dataSource = NpgsqlDataSource.Create(builder.Configuration.GetConnectionString("Province")
    ?? throw new InvalidOperationException("ConnectionStrings:Province is not set."));
var app = builder.Build();

app.MapGet("/row", async (CancellationToken cancellationToken) =>
{
    await using var command = dataSource.CreateCommand("SELECT data ->> 'name' FROM identity.mt_doc_agency WHERE code = $1");
    command.Parameters.AddWithValue("000.30.01.H57");
    return Results.Text((string?)await command.ExecuteScalarAsync(cancellationToken) ?? "");
});

await app.RunAsync();
