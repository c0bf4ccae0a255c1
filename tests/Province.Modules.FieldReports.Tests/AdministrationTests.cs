namespace Province.Modules.FieldReports.Tests;

/// <summary>What administrators keep for the back office: every category (also those no longer taking reports) and routing rules edited in place.</summary>
public sealed class AdministrationTests(FieldReportsApp app) : IClassFixture<FieldReportsApp>
{
    [Fact]
    public async Task Administrators_list_every_category_including_those_no_longer_taking_reports()
    {
        var administrator = await app.StaffAsync("quantri");
        var code = "thu-nghiem-" + Guid.NewGuid().ToString("N")[..8];
        var created = await OkAsync(await administrator.PostAsJsonAsync("/api/staff/field-reports/categories", new { code, name = "Lĩnh vực thử nghiệm", handlingHours = 24, active = true }));
        var id = created.GetProperty("id").GetGuid();
        await OkAsync(await administrator.PutAsJsonAsync($"/api/staff/field-reports/categories/{id}", new { code, name = "Lĩnh vực thử nghiệm", handlingHours = 24, active = false }));

        var everyCategory = await administrator.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/categories?pageSize=100");
        var listed = Assert.Single(everyCategory.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.False(listed.GetProperty("active").GetBoolean());
        Assert.True(everyCategory.GetProperty("total").GetInt32() >= 8);
        var taking = await administrator.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories?pageSize=100");
        Assert.DoesNotContain(taking.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        var officer = await app.StaffAsync("tanninh.mai");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(new Uri("/api/staff/field-reports/categories", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_edited_routing_rule_sends_the_next_report_to_its_new_agency_and_bad_edits_are_refused()
    {
        var administrator = await app.StaffAsync("quantri");
        var code = "tuyen-" + Guid.NewGuid().ToString("N")[..8];
        var category = (await OkAsync(await administrator.PostAsJsonAsync("/api/staff/field-reports/categories", new { code, name = "Cây xanh đô thị", handlingHours = 48, active = true })))
            .GetProperty("id").GetGuid();
        var rule = await OkAsync(await administrator.PostAsJsonAsync("/api/staff/field-reports/routing-rules", new { order = 1, categoryId = category, agencyId = ConstructionDepartment }));
        var ruleId = rule.GetProperty("id").GetGuid();
        var citizen = await app.CitizenAsync("zalo-routing-edit");
        Assert.Equal(ConstructionDepartment, (await SubmitAsync(citizen, category)).GetProperty("report").GetProperty("agencyId").GetGuid());

        var edited = await OkAsync(await administrator.PutAsJsonAsync($"/api/staff/field-reports/routing-rules/{ruleId}", new { order = 2, categoryId = category, area = " Phường Tân Ninh ", agencyId = TanNinhWard }));
        Assert.Equal("Phường Tân Ninh", edited.GetProperty("area").GetString());
        Assert.Equal(2, edited.GetProperty("order").GetInt32());
        Assert.Equal(TanNinhWard, (await SubmitAsync(citizen, category, "Phuong 1")).GetProperty("report").GetProperty("agencyId").GetGuid());
        var rules = await administrator.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/routing-rules?pageSize=100");
        Assert.Single(rules.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == ruleId);

        // Nothing half-saved: an unknown agency or category, a rule that does not exist, a bad order, an officer.
        await ProblemAsync(await administrator.PutAsJsonAsync($"/api/staff/field-reports/routing-rules/{ruleId}", new { order = 2, agencyId = Guid.NewGuid() }),
            HttpStatusCode.UnprocessableEntity, "field_report.agency_unknown");
        await ProblemAsync(await administrator.PutAsJsonAsync($"/api/staff/field-reports/routing-rules/{ruleId}", new { order = 2, categoryId = Guid.NewGuid(), agencyId = TanNinhWard }),
            HttpStatusCode.UnprocessableEntity, "field_report.category_unknown");
        await ProblemAsync(await administrator.PutAsJsonAsync($"/api/staff/field-reports/routing-rules/{Guid.NewGuid()}", new { order = 2, agencyId = TanNinhWard }),
            HttpStatusCode.NotFound, "field_report.routing_rule_not_found");
        Assert.Equal(HttpStatusCode.BadRequest, (await administrator.PutAsJsonAsync($"/api/staff/field-reports/routing-rules/{ruleId}", new { order = -1, agencyId = TanNinhWard })).StatusCode);
        var officer = await app.StaffAsync("tanninh.mai");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync($"/api/staff/field-reports/routing-rules/{ruleId}", new { order = 2, agencyId = TanNinhWard })).StatusCode);
        var kept = await administrator.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/routing-rules?pageSize=100");
        var unchanged = Assert.Single(kept.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == ruleId);
        Assert.Equal(TanNinhWard, unchanged.GetProperty("agencyId").GetGuid());
        Assert.Equal(2, unchanged.GetProperty("order").GetInt32());
    }
}
