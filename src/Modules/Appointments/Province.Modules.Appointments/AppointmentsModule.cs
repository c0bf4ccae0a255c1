using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Bookings.BookSlot;
using Province.Modules.Appointments.Bookings.ChangeBooking;
using Province.Modules.Appointments.Bookings.MyBookings;
using Province.Modules.Appointments.Bookings.OfficeBookings;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.DemoData;
using Province.Modules.Appointments.Offices.BlockDay;
using Province.Modules.Appointments.Offices.CreateOffice;
using Province.Modules.Appointments.Offices.GenerateSlots;
using Province.Modules.Appointments.Offices.ListOffices;
using Province.Modules.Appointments.Offices.ListSlots;
using Province.Modules.Appointments.Queue;
using Province.Modules.Appointments.Queue.Counters;
using Province.Modules.Appointments.Queue.Kiosk;
using Province.Modules.Appointments.Queue.NowServing;
using Province.Modules.Appointments.Queue.TakeTicket;
using Province.Modules.Appointments.Reminders;

namespace Province.Modules.Appointments;

/// <summary>
/// Appointments (đặt lịch, lấy số): one-stop offices with counters and opening hours, bookable slots
/// with capacity, same-day queue tickets issued remotely or at the kiosk, the counters' calling, and
/// the live "now serving" view.
/// </summary>
public sealed class AppointmentsModule : IModule
{
    public string Name => "Appointments";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IAppointmentsStore>(configuration, IAppointmentsStore.SchemaName, typeof(AppointmentBooked).Assembly, IAppointmentsStore.Configure);
        services.AddHandlersFrom(typeof(AppointmentsModule).Assembly);
        services.AddScoped<IDemoDataSeeder, AppointmentsDemoData>();
        services.AddOptions<AppointmentsSettings>().Bind(configuration.GetSection(AppointmentsSettings.Section));
        services.AddSingleton<QueueSignals>();
        services.AddScoped<TicketIssuer>();
        services.AddScoped<QueueReader>();
        services.AddHostedService<ReminderWatcher>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var publicApi = endpoints.MapGroup("/api/public/appointments").WithTags("Appointments - công khai");
        publicApi.MapListOffices();
        publicApi.MapListSlots();
        publicApi.MapNowServing();

        var citizens = endpoints.MapGroup("/api/appointments").WithTags("Appointments - công dân");
        citizens.MapBookSlot();
        citizens.MapMyBookings();
        citizens.MapChangeBooking();
        citizens.MapTakeTicket();

        var staff = endpoints.MapGroup("/api/staff/appointments").WithTags("Appointments - cán bộ");
        staff.MapCreateOffice();
        staff.MapGenerateSlots();
        staff.MapBlockDay();
        staff.MapOfficeBookings();
        staff.MapKiosk();
        staff.MapCallNext();
        staff.MapTicketActions();
    }
}
