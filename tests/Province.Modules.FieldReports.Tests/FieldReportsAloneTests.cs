using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.FieldReports.Tests;

/// <summary>
/// Another province takes FieldReports alone: a host of this module and the province's own answers to the
/// contracts it needs (its README lists them). A report goes from the street to its public answer over HTTP.
/// </summary>
public sealed class FieldReportsAloneTests
{
    private static readonly Guid Colleague = Guid.Parse("7b000000-0000-7000-8000-000000000002");

    [Fact]
    public async Task FieldReports_runs_alone_and_a_report_is_routed_handled_and_answered_publicly()
    {
        // The province's own directory answers for any agency the routing rules name; its officer belongs to the routed one.
        var routedAgency = Guid.Empty;
        await using var host = await ModuleAloneHost.StartAsync(new FieldReportsModule(), services =>
        {
            services.AnswerWith((AuthenticateCitizen request) => StandIns.AuthenticateCitizen(request));
            // The province's own staff sign-in keeps its sessions; every stand-in session stands.
            services.AnswerWith((ValidateStaffSession _) => true);
            services.AnswerWith((GetAgency request) => (AgencyInfo?)new AgencyInfo(request.AgencyId, "000.00.00.H57", "Cơ quan của tỉnh", "commune", null));
            // This province keeps no map of merged communes: an address stays as typed.
            services.AnswerWith((ResolveAdministrativeUnit _) => new AdministrativeUnitMatch(null, null, []));
            services.AnswerWith((GetCitizenProfile request) =>
                (CitizenProfile?)new CitizenProfile(request.CitizenId, "Phạm Thị Hoa", null, null, null, "0934567890", true));
            services.AnswerWith((GetStaffMember request) =>
                request.StaffId == Colleague ? (StaffMemberInfo?)new StaffMemberInfo(Colleague, "Lê Văn Cường", routedAgency, "officer", true) : null);
        });
        using var citizen = host.Citizen(Guid.NewGuid());

        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var report = await SubmitAsync(citizen, lighting, "Phuong 1");
        var id = Id(report);
        routedAgency = report.GetProperty("report").GetProperty("agencyId").GetGuid();
        Assert.NotEqual(Guid.Empty, routedAgency);

        using var officer = await host.StaffAsync(Guid.NewGuid(), routedAgency);
        var queue = await officer.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/queue");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == id);
        await OkAsync(await ActAsync(officer, id, "assign", new { staffId = Colleague }));
        await OkAsync(await ActAsync(officer, id, "start"));
        var resolved = await OkAsync(await ActAsync(officer, id, "resolve", new { answer = "Đã thay bóng đèn ba cột 12-14.", photoIds = Array.Empty<Guid>() }));
        Assert.Equal("resolved", resolved.GetProperty("report").GetProperty("status").GetString());

        using var anonymous = host.CreateClient();
        var page = await anonymous.GetStringAsync($"/api/public/field-reports/{Code(report)}");
        Assert.Contains("Đã thay bóng đèn", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Phạm Thị Hoa", page, StringComparison.Ordinal);
    }
}
