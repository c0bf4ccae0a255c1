using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Appointments.Tests;

/// <summary>
/// Another province takes Appointments alone: a host of this module and the province's own answers to the
/// contracts it needs (its README lists them). An office is set up, a citizen books a time and takes a number
/// from home, and a counter calls it, over HTTP.
/// </summary>
public sealed class AppointmentsAloneTests
{
    [Fact]
    public async Task Appointments_runs_alone_and_a_citizen_books_takes_a_number_and_is_called()
    {
        await using var host = await ModuleAloneHost.StartAsync(new AppointmentsModule(), services =>
        {
            services.AnswerWith((AuthenticateCitizen request) => StandIns.AuthenticateCitizen(request));
            // The province's own staff sign-in keeps its sessions; every stand-in session stands.
            services.AnswerWith((ValidateStaffSession _) => true);
            services.AnswerWith((GetAgency request) =>
                request.AgencyId == TanNinhWard ? (AgencyInfo?)new AgencyInfo(TanNinhWard, "000.30.01.H57", "Ủy ban nhân dân phường Tân Ninh", "commune", null) : null);
            services.AnswerWith((GetCitizenProfile request) =>
                (CitizenProfile?)new CitizenProfile(request.CitizenId, "Nguyễn Văn An", new DateOnly(1990, 5, 12), null, null, "0912345678", true));
            // This province books without linking procedures or dossiers.
            services.AnswerWith((GetProcedure _) => (ProcedureInfo?)null);
            services.AnswerWith((GetCitizenDossier _) => (DossierInfo?)null);
        });
        host.Clock.Set(Wednesday8am);
        using var administrator = await host.StaffAsync(Guid.NewGuid(), TanNinhWard, ProvinceRoles.Administrator);
        var office = await OkAsync(await administrator.PostAsJsonAsync("/api/staff/appointments/offices", TestOffices.NewOffice(TanNinhWard, "Bộ phận Một cửa phường Tân Ninh")));
        var group = Group(office, "HT");
        await OkAsync(await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{Id(office)}/slots",
            new { serviceGroupId = group, from = Today, to = Today, slotMinutes = 60, capacity = 5 }));

        using var citizen = host.Citizen(Guid.NewGuid());
        using var anonymous = host.CreateClient();
        var slots = (await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{Id(office)}/slots?serviceGroupId={group}&day={Today:yyyy-MM-dd}")).EnumerateArray().ToList();
        var booking = await OkAsync(await BookAsync(citizen, SlotAt(slots, "14:00")));
        Assert.Equal("approved", booking.GetProperty("status").GetString());

        var ticket = await OkAsync(await TakeTicketAsync(citizen, Id(office), group));
        using var officer = await host.StaffAsync(Guid.NewGuid(), TanNinhWard);
        var called = await OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{Id(office)}/counters/{CounterId(office, 1)}/call-next", null));
        Assert.Equal(Id(ticket), Id(called));
        var nowServing = await anonymous.GetStringAsync($"/api/public/appointments/offices/{Id(office)}/now-serving");
        Assert.Contains(ticket.GetProperty("number").GetString()!, nowServing, StringComparison.Ordinal);
    }
}
