using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Http;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.DemoData;
using Province.Modules.Dossiers.NationalPortal;
using Province.Modules.Dossiers.Procedures;
using Province.Modules.Dossiers.Processing;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers;

/// <summary>
/// Dossiers (hồ sơ): the procedure catalog, online submission with receipt and QR code, legal
/// deadlines in working days, the officers' processing workflow (statuses = the national portal's
/// TrangThaiHoSo), tracking, and sync to the national public-service portal through its own Marten subscription.
/// </summary>
public sealed partial class DossiersModule : IModuleRegistration
{
    public string Name => "Dossiers";

    public IReadOnlyList<Type> CarterModules { get; } =
        [typeof(PublicDossierEndpoints), typeof(CitizenDossierEndpoints), typeof(StaffDossierEndpoints)];

    /// <summary>Contracts this module sends; listed in its README.</summary>
    // FindStaffMemberByUserName is asked only by the demo activity (development), which skips its dossiers when no module
    // answers it: a province taking Dossiers alone does not have to answer it.
    public IReadOnlyList<Type> RequiredRequests { get; } = [typeof(AuthenticateCitizen), typeof(ValidateStaffSession), typeof(GetAgency), typeof(FindAgencyByCode), typeof(GetCitizenProfile), typeof(GetStaffMember), typeof(ResolveAdministrativeUnit)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var portal = configuration.GetSection(NationalPortalOptions.Section);
        var store = services.AddModuleStore<IDossiersStore>(configuration, IDossiersStore.SchemaName, typeof(DossierSubmitted).Assembly, IDossiersStore.Configure);
        if (portal.GetValue("SyncEnabled", false))
        {
            // The portal's own subscription: an outage holds back its calls only, never the integration events.
            var batchSize = portal.GetValue("SyncBatchSize", new NationalPortalOptions().SyncBatchSize);
            store.AddSubscriptionWithServices<PortalSyncSubscription>(ServiceLifetime.Singleton, subscription =>
            {
                subscription.Options.BatchSize = batchSize;
            });
            if (!configuration.GetSection(Province.BuildingBlocks.Messaging.OutboxOptions.Section).GetValue("Enabled", true))
            {
                // The store runs the async daemon only for the relay; with the relay off, the sender still needs it.
                store.AddAsyncDaemon(JasperFx.Events.Daemon.DaemonMode.HotCold);
            }
        }

        services.AddHandlersFrom(typeof(DossiersModule).Assembly);
        services.AddValidatorsFromAssembly(typeof(DossiersModule).Assembly, includeInternalTypes: true);
        services.AddScoped<IDemoDataSeeder, DossiersDemoData>();
        services.AddScoped<IDemoDataSeeder, DossiersDemoActivity>();
        services.AddScoped<IDataUpgrade, Processing.OfficerQueue.FillDossierQueueLines>();
        services.AddScoped<IDataUpgrade, Tracking.LookupDossier.FillDossierLookups>();

        services.AddOptions<DossiersSettings>().Bind(configuration.GetSection(DossiersSettings.Section));
        services.AddOptions<DeadlineSettings>().Bind(configuration.GetSection(DossiersSettings.Section));
        services.AddSingleton(WorkingCalendar.From(configuration));
        services.AddScoped(sp => new DeadlinePolicy(
            sp.GetRequiredService<WorkingCalendar>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DeadlineSettings>>().Value));
        services.AddHostedService<DeadlineWatcher>();
        services.AddSingleton<CalendarRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<CalendarRefresher>());
        services.AddHostedService<Submission.PendingUploadCleanup.PendingUploadCleanup>();

        services.AddSingleton<ProcedureSearchIndex>();
        services.AddScoped<DossierWorkflow>();
        services.AddScoped<DossierActionRunner>();
        services.AddScoped<ReceiptBuilder>();
        services.AddScoped<PortalSync>();
        services.AddSingleton<SelfAddress>();
        services.TryAddSingleton<IFileStore, LocalDiskFileStore>();

        services.AddOptions<NationalPortalOptions>().Bind(portal);
        services.AddNationalPortalClient();
    }
}
