using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Reflection;
using Province.BackOffice.Shell;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Citizens.Statistics;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;
using Province.Modules.Identity.DemoData;
using Province.Modules.Identity.Staff.Sessions;
using Province.Modules.Identity.Zalo;

namespace Province.Modules.Identity;

/// <summary>
/// Identity: who is calling. Citizens are Zalo users (no sign-up); staff sign in with a password and
/// belong to an agency; agencies form the directory other modules use through the Contracts.
/// </summary>
public sealed class IdentityModule : IModuleRegistration, IBackOfficeModule, IDashboardModule
{
    public string Name => "Identity";

    public Assembly PagesAssembly => typeof(IdentityModule).Assembly;

    /// <summary>Administration of agencies and staff accounts (administrators).</summary>
    public IReadOnlyList<MenuEntry> Menu { get; } =
    [
        new("Quản trị", "Tài khoản cán bộ", "/staff/administration/staff", MenuAudience.Administrator, 900),
        new("Quản trị", "Cơ quan, đơn vị", "/staff/administration/agencies", MenuAudience.Administrator, 910),
    ];

    /// <summary>The dashboard's panel of citizens served and their ages (administrators: the figures are province-wide).</summary>
    public IReadOnlyList<DashboardPanel> DashboardPanels { get; } = [new(typeof(BackOffice.CitizensPanel), 400, MenuAudience.Administrator)];

    public IReadOnlyList<Type> CarterModules { get; } =
        [typeof(CitizenIdentityEndpoints), typeof(StaffIdentityEndpoints), typeof(PublicIdentityEndpoints)];

    /// <summary>Identity answers other modules; it asks none.</summary>
    public IReadOnlyList<Type> RequiredRequests { get; } = [];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IIdentityStore>(configuration, IIdentityStore.SchemaName, typeof(CitizenDeleted).Assembly, IIdentityStore.Configure);
        services.AddHandlersFrom(typeof(IdentityModule).Assembly);
        services.AddValidatorsFromAssembly(typeof(IdentityModule).Assembly, includeInternalTypes: true);
        services.AddScoped<IDemoDataSeeder, IdentityDemoData>();
        services.AddScoped<IDemoDataSeeder, IdentityDemoActivity>();

        var zalo = configuration.GetSection(ZaloOptions.Section);
        services.AddOptions<ZaloOptions>().Bind(zalo);
        services.AddMemoryCache();
        services.AddZaloGraphClient();
        // The host's authentication schemes (BuildingBlocks' AddProvinceApi) ask AuthenticateCitizenHandler who holds a
        // Zalo token; staff tokens are issued here by TypedResults.SignIn on the staff scheme.
        services.AddSingleton<ZaloTokenCache>();
        services.AddScoped<ZaloTokenVerifier>();
        services.AddSingleton<CitizenDirectoryCache>();
        services.AddScoped<CitizenDirectory>();
        services.AddSingleton<CitizenActivityCache>();
        services.AddScoped<CitizenActivity>();
        services.AddScoped<IPasswordHasher<StaffMember>, PasswordHasher<StaffMember>>();
        services.AddScoped<Staff.StaffPasswords>();
        services.AddHostedService<StaffSessionHousekeeping>();
    }
}
