using Microsoft.AspNetCore.DataProtection;
using Province.BackOffice.Shell;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.Host.Setup;
using Province.Simulators.NationalPortal;
using Province.Simulators.Zalo;

var builder = WebApplication.CreateBuilder(args);
var zaloSimulator = builder.Configuration.GetValue("Zalo:Simulator:Enabled", false);
var portalSimulator = builder.Configuration.GetValue("NationalPortal:Simulator:Enabled", false);

// What every module's endpoints count on (BuildingBlocks/Hosting/ProvinceApi.cs), then the modules of ModuleRegistry.
builder.Services.AddProvinceApi(builder.Configuration);
builder.Services.AddProvinceObservability(builder.Configuration);
builder.Services.AddProvinceOpenApi();
builder.Services.AddProvinceModules(builder.Configuration, ModuleRegistry.All);
// The staff back office at /staff: its shell, and the pages of the enabled modules that bring some (IBackOfficeModule).
builder.Services.AddBackOffice();
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
app.Services.EnsureRequiredRequestsAnswered();

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

await app.StartProvinceModulesAsync();
app.UseProvinceApi();
app.UseMiniApp();
app.MapBackOffice();
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

app.MapProvinceModules();
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
