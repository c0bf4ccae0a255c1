using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.DemoData;
using Province.Modules.Appointments.Offices;
using Province.Modules.Appointments.Queue;
using Province.Modules.Appointments.Queue.NowServing;
using Province.Modules.Appointments.Reminders;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Appointments;

/// <summary>
/// Appointments (đặt lịch, lấy số): one-stop offices with counters and opening hours, bookable slots
/// with capacity, same-day queue tickets issued remotely or at the kiosk, the counters' calling, and
/// the live "now serving" view.
/// </summary>
public sealed partial class AppointmentsModule : IModuleRegistration
{
    public string Name => "Appointments";

    public IReadOnlyList<Type> CarterModules { get; } =
        [typeof(PublicAppointmentEndpoints), typeof(CitizenAppointmentEndpoints), typeof(StaffAppointmentEndpoints)];

    /// <summary>Contracts this module sends; listed in its README.</summary>
    public IReadOnlyList<Type> RequiredRequests { get; } = [typeof(AuthenticateCitizen), typeof(ValidateStaffSession), typeof(GetAgency), typeof(GetCitizenProfile), typeof(GetProcedure), typeof(GetCitizenDossier)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IAppointmentsStore>(configuration, IAppointmentsStore.SchemaName, typeof(AppointmentBooked).Assembly, IAppointmentsStore.Configure);
        services.AddHandlersFrom(typeof(AppointmentsModule).Assembly);
        services.AddValidatorsFromAssembly(typeof(AppointmentsModule).Assembly, includeInternalTypes: true);
        services.AddScoped<IDemoDataSeeder, AppointmentsDemoData>();
        services.AddScoped<IDemoDataSeeder, AppointmentsDemoActivity>();
        services.AddOptions<AppointmentsSettings>().Bind(configuration.GetSection(AppointmentsSettings.Section));
        services.AddSingleton<QueueSignals>();
        services.AddSingleton<OfficeDirectory>();
        services.AddSingleton<LiveViewStreams>();
        services.AddScoped<TicketIssuer>();
        services.AddScoped<QueueReader>();
        services.AddHostedService<ReminderWatcher>();
    }
}
