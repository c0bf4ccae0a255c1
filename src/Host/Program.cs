using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Validation;
using Province.Host.Setup;
using Province.Simulators.NationalPortal;
using Province.Simulators.Zalo;

var builder = WebApplication.CreateBuilder(args);
var zaloSimulator = builder.Configuration.GetValue("Zalo:Simulator:Enabled", false);
var portalSimulator = builder.Configuration.GetValue("NationalPortal:Simulator:Enabled", false);

ValidationFilterExtensions.UseVietnameseMessages();
builder.Services.AddSingleton(TimeProvider.System);
// API convention: enums travel as camelCase strings ("monday", not 1).
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
// Control characters and bidi overrides never get past the edge: every string of every JSON body is cleaned as it is read.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new Province.BuildingBlocks.Text.CleanTextJsonConverter()));
builder.Services.AddProvinceErrors();
builder.Services.AddProvinceObservability(builder.Configuration);
builder.Services.AddProvinceAuthorization();
builder.Services.AddProvinceRateLimits(builder.Configuration);
builder.Services.AddProvinceOpenApi();
builder.Services.AddHealthChecks();
// Public reads that everyone asks alike are kept a few seconds (PublicResponseCache); bounded in memory.
builder.Services.AddOutputCache(options => options.SizeLimit = 32 * 1024 * 1024);
builder.Services.AddModules(builder.Configuration);
if (builder.Configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
{
    // Several host instances must share keys, or a staff token issued by one is refused by another.
    builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys));
}

if (zaloSimulator)
{
    builder.Services.AddZaloSimulator(builder.Configuration);
}

if (portalSimulator)
{
    builder.Services.AddNationalPortalSimulator(builder.Configuration);
}

var app = builder.Build();
app.Services.EnsureRequiredRequestsAnswered(app.Configuration);

if (Array.IndexOf(args, "--write-migrations") is var at and >= 0)
{
    // build/db-migrate.sh: the SQL each module store needs against the configured database, for review and apply.
    await app.WriteMigrationsAsync(at + 1 < args.Length ? args[at + 1] : "migrations");
    return;
}

if (Array.IndexOf(args, "--apply-migration") is var file and >= 0 && file + 1 < args.Length)
{
    // build/db-migrate.sh --apply: one reviewed migration file, in one transaction.
    await app.ApplyMigrationFileAsync(args[file + 1]);
    return;
}

if (args.Contains("--migrate"))
{
    // Let Marten create or patch every module store's schema, then stop (a development shortcut; production
    // reviews the SQL of build/db-migrate.sh).
    await app.InitializeDatabasesAsync(migrate: true, seed: false);
    return;
}

await app.InitializeDatabasesAsync(migrate: false);

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsProduction() || app.Configuration.GetValue("OpenApi:ExposeInProduction", false))
{
    // The API description maps every operation for an attacker too: in production only when the province says so.
    app.MapOpenApi().AllowAnonymous();
    app.UseSwaggerUI(options =>
    {
        options.SwaggerEndpoint("/openapi/v1.json", "Province v1");
        options.DocumentTitle = "Province API";
    });
}
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapModules();
if (zaloSimulator)
{
    app.MapZaloSimulator();
}

if (portalSimulator)
{
    app.MapNationalPortalSimulator();
}

await app.RunAsync();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
