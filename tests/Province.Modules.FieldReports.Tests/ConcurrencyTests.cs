namespace Province.Modules.FieldReports.Tests;

/// <summary>Two officers acting on the same version of a report at once: one wins, the other gets a 409 and nothing of it is kept.</summary>
public sealed class ConcurrencyTests(FieldReportsApp app) : IClassFixture<FieldReportsApp>
{
    [Fact]
    public async Task Two_officers_acting_on_the_same_version_at_once_one_wins_and_the_other_gets_409()
    {
        var citizen = await app.CitizenAsync("zalo-concurrent");
        var id = Id(await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang")));
        var ward = await app.StaffAsync("tanninh.mai");
        var officer = await OfficerIdAsync(ward, TanNinhWard);
        var version = (await ward.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}")).GetProperty("version").GetInt32();

        var answers = await Task.WhenAll(
            ward.PostAsJsonAsync($"/api/staff/field-reports/{id}/assign", new { version, staffId = officer, note = "Giao lần một" }),
            ward.PostAsJsonAsync($"/api/staff/field-reports/{id}/reject", new { version, note = "Không thuộc phạm vi" }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        var detail = await ward.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Equal(version + 1, detail.GetProperty("version").GetInt32());
        Assert.Equal(2, detail.GetProperty("history").GetArrayLength());

        // A version the report has left behind is refused as stale.
        await ProblemAsync(await ward.PostAsJsonAsync($"/api/staff/field-reports/{id}/close", new { version }), HttpStatusCode.Conflict, "field_report.stale_version");
    }
}
