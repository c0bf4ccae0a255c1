using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.Modules.Appointments.Bookings.BookSlot;
using Province.Modules.Appointments.Bookings.ChangeBooking;
using Province.Modules.Appointments.Bookings.MyBookings;
using Province.Modules.Appointments.Bookings.OfficeBookings;
using Province.Modules.Appointments.Offices.Availability;
using Province.Modules.Appointments.Offices.BlockDay;
using Province.Modules.Appointments.Offices.Counters;
using Province.Modules.Appointments.Offices.CreateOffice;
using Province.Modules.Appointments.Offices.GenerateSlots;
using Province.Modules.Appointments.Offices.ListOffices;
using Province.Modules.Appointments.Offices.ListSlots;
using Province.Modules.Appointments.Queue.Counters;
using Province.Modules.Appointments.Queue.Kiosk;
using Province.Modules.Appointments.Queue.NowServing;
using Province.Modules.Appointments.Queue.TakeTicket;
using Province.Modules.Appointments.Statistics;

namespace Province.Modules.Appointments;

/// <summary>Anyone, without signing in: offices, their free slots and who is being served now.</summary>
internal sealed class PublicAppointmentEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var publicApi = app.MapGroup("/api/public/appointments").WithTags("Appointments - công khai");
        publicApi.MapListOffices();
        publicApi.MapListSlots();
        publicApi.MapAvailability();
        publicApi.MapNowServing();
    }
}

/// <summary>The signed-in citizen: booking, their bookings and changes to them, and queue tickets.</summary>
internal sealed class CitizenAppointmentEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var citizens = app.MapGroup("/api/appointments").WithTags("Appointments - công dân");
        citizens.MapBookSlot();
        citizens.MapMyBookings();
        citizens.MapChangeBooking();
        citizens.MapTakeTicket();
    }
}

/// <summary>Staff: offices and slots, an office's bookings, the kiosk, the counters' calling and the waiting-time statistics.</summary>
internal sealed class StaffAppointmentEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff/appointments").WithTags("Appointments - cán bộ");
        staff.MapCreateOffice();
        staff.MapCounters();
        staff.MapGenerateSlots();
        staff.MapBlockDay();
        staff.MapOfficeBookings();
        staff.MapKiosk();
        staff.MapMyCounters();
        staff.MapCallNext();
        staff.MapTicketActions();
        staff.MapAppointmentStatistics();
    }
}
