using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Security;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Another province takes Dossiers alone: a host of this module and the province's own answers to the contracts
/// Dossiers needs (its README lists them), without Identity or any other module. A dossier goes from submission
/// to returned result over HTTP.
/// </summary>
public sealed class DossiersAloneTests
{
    private static readonly Guid Officer = Guid.Parse("7a000000-0000-7000-8000-000000000001");
    private static readonly Guid Colleague = Guid.Parse("7a000000-0000-7000-8000-000000000002");

    /// <summary>The province's own directory: its ward office (the birth registration's competent agency), citizen profile and staff.</summary>
    private static void AnswerDossiersContracts(IServiceCollection services)
    {
        var ward = new AgencyInfo(TanNinhWard, "000.30.01.H57", "Ủy ban nhân dân phường Tân Ninh", "commune", null);
        services.AnswerWith((AuthenticateCitizen request) => StandIns.AuthenticateCitizen(request));
        // The province's own staff sign-in keeps its sessions; every stand-in session stands.
        services.AnswerWith((ValidateStaffSession _) => true);
        services.AnswerWith((GetAgency request) => request.AgencyId == TanNinhWard ? (AgencyInfo?)ward : null);
        services.AnswerWith((FindAgencyByCode request) => request.Code == ward.Code ? (AgencyInfo?)ward : null);
        // This province keeps no map of merged communes: an address stays as typed.
        services.AnswerWith((ResolveAdministrativeUnit _) => new AdministrativeUnitMatch(null, null, []));
        services.AnswerWith((GetCitizenProfile request) =>
            (CitizenProfile?)new CitizenProfile(request.CitizenId, "Trần Thị Bình", new DateOnly(1985, 3, 2), "072185001234", "5 Cách Mạng Tháng Tám, phường Tân Ninh", "0987654321", true));
        services.AnswerWith((GetStaffMember request) => request.StaffId == Colleague ? (StaffMemberInfo?)new StaffMemberInfo(Colleague, "Lê Văn Cường", TanNinhWard, "officer", true) : null);
    }

    [Fact]
    public async Task Dossiers_runs_alone_and_a_dossier_goes_from_submission_to_returned_result()
    {
        await using var host = await ModuleAloneHost.StartAsync(new DossiersModule(), AnswerDossiersContracts);
        using var citizen = host.Citizen(Guid.NewGuid());

        // The applicant is prefilled from the province's own profile answer.
        var prefill = await citizen.GetFromJsonAsync<JsonElement>("/api/dossiers/applicant-prefill");
        Assert.Equal("Trần Thị Bình", prefill.GetProperty("fullName").GetString());

        var (id, code) = await SubmitBirthRegistrationAsync(citizen);
        Assert.StartsWith("000.30.01.H57-", code, StringComparison.Ordinal);

        using var officer = await host.StaffAsync(Officer, TanNinhWard);
        var queue = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?status=new");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), item => item.GetProperty("code").GetString() == code);
        await OkAsync(await ActAsync(officer, id, "accept", new { note = "Hồ sơ đầy đủ" }));
        await OkAsync(await ActAsync(officer, id, "assign", new { staffId = Colleague }));
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(officer, Png(7), "giay-khai-sinh.png", $"/api/staff/dossiers/{id}/result-files")).StatusCode);
        await OkAsync(await ActAsync(officer, id, "complete", new { note = "Trả bản chính tại quầy" }));
        await OkAsync(await ActAsync(officer, id, "return-result", new { note = "Công dân đã nhận" }));

        var mine = await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        Assert.Equal("resultReturned", mine.GetProperty("status").GetString());
        Assert.Contains(mine.GetProperty("history").EnumerateArray(), step => step.GetProperty("description").GetString()!.Contains("Lê Văn Cường", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_answer_to_a_contract_Dossiers_needs_the_host_does_not_start_and_names_it()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ModuleAloneHost.StartAsync(new DossiersModule(), services =>
        {
            services.AnswerWith((AuthenticateCitizen request) => StandIns.AuthenticateCitizen(request));
            // The province's own staff sign-in keeps its sessions; every stand-in session stands.
            services.AnswerWith((ValidateStaffSession _) => true);
            services.AnswerWith((GetAgency _) => (AgencyInfo?)null);
            services.AnswerWith((FindAgencyByCode _) => (AgencyInfo?)null);
            services.AnswerWith((GetCitizenProfile _) => (CitizenProfile?)null);
        }));

        Assert.Contains("Dossiers needs Province.Modules.Identity.Contracts.GetStaffMember answered", failure.Message, StringComparison.Ordinal);
    }
}
