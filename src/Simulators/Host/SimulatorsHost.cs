using Province.Simulators.NationalPortal;
using Province.Simulators.Zalo;

namespace Province.Simulators.Host;

/// <summary>
/// Zalo's and the national portal's simulators, and nothing else: <c>dotnet run --project src/Simulators/Host --
/// --urls http://127.0.0.1:5102 --Zalo:AppSecret=…</c>. The same endpoints the Province host maps when its
/// <c>Zalo:Simulator:Enabled</c> and <c>NationalPortal:Simulator:Enabled</c> are true, read from the same configuration
/// keys (the Zalo app secret must be the one Province is given).
/// </summary>
internal static class SimulatorsHost
{
    public static async Task Main(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
    }

    /// <summary>The simulators' web application, not started (tests start it on a port of their own).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddZaloSimulator(builder.Configuration);
        builder.Services.AddNationalPortalSimulator(builder.Configuration);
        var app = builder.Build();
        // For a script that waits for the simulators to listen.
        app.MapGet("/health/live", () => Results.Text("Healthy"));
        app.MapZaloSimulator();
        app.MapNationalPortalSimulator();
        return app;
    }
}
