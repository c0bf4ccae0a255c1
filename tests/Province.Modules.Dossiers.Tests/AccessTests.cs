namespace Province.Modules.Dossiers.Tests;

/// <summary>A citizen sees only their own dossiers; an officer only their agency's work.</summary>
public sealed class AccessTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task An_officer_of_another_agency_gets_403_on_the_queue_and_404_on_the_dossier_and_its_actions()
    {
        var citizen = await app.CitizenAsync("zalo-access-1");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 1);
        var justice = await app.StaffAsync("tuphap.lan");

        Assert.Equal(HttpStatusCode.Forbidden, (await justice.GetAsync($"/api/staff/dossiers/queue?agencyId={TanNinhWard}")).StatusCode);
        await ProblemAsync(await justice.GetAsync($"/api/staff/dossiers/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await justice.PostAsJsonAsync($"/api/staff/dossiers/{id}/accept", new { version = 0 }), HttpStatusCode.NotFound);
        await ProblemAsync(await UploadAsync(justice, Png(1), "ket-qua.png", $"/api/staff/dossiers/{id}/result-files"), HttpStatusCode.NotFound);

        var ownQueue = await justice.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue");
        Assert.DoesNotContain(ownQueue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var ward = await app.StaffAsync("tanninh.mai");
        Assert.Equal(1, (await ward.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_citizen_cannot_read_act_on_or_download_another_citizens_dossier()
    {
        var owner = await app.CitizenAsync("zalo-access-2");
        var (id, _) = await SubmitBirthRegistrationAsync(owner, salt: 2);
        var fileId = (await owner.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}")).GetProperty("files")[0].GetProperty("id").GetGuid();
        var stranger = await app.CitizenAsync("zalo-access-3");

        await ProblemAsync(await stranger.GetAsync($"/api/dossiers/{id}"), HttpStatusCode.NotFound);
        await ProblemAsync(await stranger.GetAsync($"/api/dossiers/{id}/receipt"), HttpStatusCode.NotFound);
        await ProblemAsync(await stranger.GetAsync($"/api/dossiers/{id}/receipt/qr.svg"), HttpStatusCode.NotFound);
        await ProblemAsync(await stranger.GetAsync($"/api/dossiers/{id}/files/{fileId}"), HttpStatusCode.NotFound);
        await ProblemAsync(await stranger.PostAsJsonAsync($"/api/dossiers/{id}/withdraw", new { message = "Không", version = 0 }), HttpStatusCode.NotFound);
        Assert.Equal(0, (await stranger.GetFromJsonAsync<JsonElement>("/api/dossiers")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_citizen_cannot_attach_another_citizens_upload()
    {
        var owner = await app.CitizenAsync("zalo-access-4");
        var upload = await UploadIdAsync(owner, 4);
        var thief = await app.CitizenAsync("zalo-access-5");
        var body = await BirthRegistrationAsync(thief, salt: 5);
        var json = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!;
        json["documents"]![0]!["fileIds"] = new System.Text.Json.Nodes.JsonArray(upload.ToString());

        var problem = await ProblemAsync(await SubmitAsync(thief, json), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("dossier.file_unavailable", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Without_sign_in_only_the_public_catalog_and_lookup_answer()
    {
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/dossiers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/staff/dossiers/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/public/dossiers/procedures?q=ho%20tich")).StatusCode);
        var citizen = await app.CitizenAsync("zalo-access-6");
        Assert.Equal(HttpStatusCode.Unauthorized, (await citizen.GetAsync($"/api/staff/dossiers/queue")).StatusCode);
    }
}
