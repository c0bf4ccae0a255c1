using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Security;

namespace Province.Testing;

/// <summary>
/// A host of one module, as another province that takes only that module would write it: BuildingBlocks'
/// <c>AddProvinceApi</c>, the one module, and the province's own answers to the contracts the module needs
/// (here small stand-ins the test gives with <see cref="StandIns.AnswerWith"/>). Real Kestrel on a loopback
/// port, its own PostgreSQL database, schema created at start, the module's demo data.
/// </summary>
public sealed class ModuleAloneHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PostgresDatabase _database;
    private readonly string _filesDirectory;

    private ModuleAloneHost(WebApplication app, PostgresDatabase database, string filesDirectory, Uri address)
    {
        _app = app;
        _database = database;
        _filesDirectory = filesDirectory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The host's clock: real time until a test sets it.</summary>
    public TestClock Clock { get; private init; } = new();

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts <paramref name="module"/> alone. <paramref name="answerContracts"/> registers the handlers of the
    /// contracts the module needs (its README lists them); the start fails, naming a contract, when one is missing.
    /// </summary>
    public static async Task<ModuleAloneHost> StartAsync(
        IModuleRegistration module,
        Action<IServiceCollection> answerContracts,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection, IConfiguration>? addSimulators = null,
        Action<WebApplication>? mapSimulators = null)
    {
        var database = await PostgresDatabase.CreateAsync();
        var filesDirectory = Path.Combine(Path.GetTempPath(), "province-alone-files-" + Guid.NewGuid().ToString("N"));
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = "Testing",
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var configuration = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Province"] = database.ConnectionString,
                ["Database:MigrateOnStartup"] = "true",
                ["DemoData:Enabled"] = "true",
                ["Files:Directory"] = filesDirectory,
                ["RateLimiting:AnonymousPermitsPerMinute"] = "100000",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                configuration[key] = value;
            }

            builder.Configuration.AddInMemoryCollection(configuration);
            var clock = new TestClock();
            builder.Services.AddSingleton<TimeProvider>(clock);

            // The whole of a one-module host: BuildingBlocks' API setup, the module, the province's answers to its contracts.
            builder.Services.AddProvinceApi(builder.Configuration);
            builder.Services.AddProvinceModules(builder.Configuration, [module]);
            answerContracts(builder.Services);
            addSimulators?.Invoke(builder.Services, builder.Configuration);
            app = builder.Build();
            await app.StartProvinceModulesAsync();
            app.UseProvinceApi();
            app.MapProvinceModules();
            mapSimulators?.Invoke(app);

            // The province's own staff sign-in would issue these; the test signs in whoever it needs.
            app.MapPost("/stand-in/staff-sign-in", (StandInStaff staff) => TypedResults.SignIn(
                new ClaimsPrincipal(new ClaimsIdentity(
                    [
                        new Claim(ClaimTypes.NameIdentifier, staff.StaffId.ToString()),
                        new Claim(ProvinceClaims.StaffId, staff.StaffId.ToString()),
                        new Claim(ProvinceClaims.AgencyId, staff.AgencyId.ToString()),
                        new Claim(ProvinceClaims.SessionId, Guid.NewGuid().ToString()),
                        new Claim(ClaimTypes.Role, staff.Role),
                    ],
                    ProvinceSchemes.Staff)),
                authenticationScheme: ProvinceSchemes.Staff)).AllowAnonymous();

            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new ModuleAloneHost(app, database, filesDirectory, new Uri(address)) { Clock = clock };
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    /// <summary>A client of the citizen <paramref name="citizenId"/> (a token <see cref="StandIns.AuthenticateCitizen"/> accepts).</summary>
    public HttpClient Citizen(Guid citizenId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StandIns.CitizenToken(citizenId));
        return client;
    }

    /// <summary>A client of a staff member of <paramref name="agencyId"/>, signed in on the host's staff scheme.</summary>
    public async Task<HttpClient> StaffAsync(Guid staffId, Guid agencyId, string role = ProvinceRoles.Officer)
    {
        var client = CreateClient();
        var signIn = await client.PostAsJsonAsync("/stand-in/staff-sign-in", new StandInStaff(staffId, agencyId, role));
        signIn.EnsureSuccessStatusCode();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_filesDirectory))
        {
            Directory.Delete(_filesDirectory, recursive: true);
        }
    }

    private sealed record StandInStaff(Guid StaffId, Guid AgencyId, string Role);
}

/// <summary>A province's own answers to the contracts a module needs, one line per contract.</summary>
public static class StandIns
{
    private const string CitizenTokenPrefix = "stand-in-citizen.";

    /// <summary>Answers <typeparamref name="TRequest"/> with <paramref name="answer"/>.</summary>
    public static IServiceCollection AnswerWith<TRequest, TResponse>(this IServiceCollection services, Func<TRequest, TResponse> answer)
        where TRequest : IRequest<TResponse>
        => services.AddSingleton<IRequestHandler<TRequest, TResponse>>(new FunctionHandler<TRequest, TResponse>(answer));

    /// <summary>Citizens of a province's own sign-in: the token <see cref="CitizenToken"/> gives, anything else refused.</summary>
    public static AuthenticatedCitizen? AuthenticateCitizen(AuthenticateCitizen request) =>
        request.AccessToken.StartsWith(CitizenTokenPrefix, StringComparison.Ordinal) && Guid.TryParse(request.AccessToken[CitizenTokenPrefix.Length..], out var id)
            ? new AuthenticatedCitizen(id, "zalo-" + id.ToString("N"))
            : null;

    public static string CitizenToken(Guid citizenId) => CitizenTokenPrefix + citizenId;

    private sealed class FunctionHandler<TRequest, TResponse>(Func<TRequest, TResponse> answer) : IRequestHandler<TRequest, TResponse>
        where TRequest : IRequest<TResponse>
    {
        public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
