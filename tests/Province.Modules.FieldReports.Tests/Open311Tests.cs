using System.Xml.Linq;

namespace Province.Modules.FieldReports.Tests;

/// <summary>Open311 GeoReport v2 as the spec writes it, in JSON and XML.</summary>
public sealed class Open311Tests(FieldReportsApp app) : IClassFixture<FieldReportsApp>
{
    [Fact]
    public async Task Services_and_requests_speak_the_spec_in_json_and_xml()
    {
        using var client = app.CreateClient();
        var services = await client.GetFromJsonAsync<JsonElement>("/open311/v2/services.json");
        var lighting = services.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "dien-nuoc-chieu-sang");
        foreach (var field in new[] { "service_code", "service_name", "description", "metadata", "type", "keywords", "group" })
        {
            Assert.True(lighting.TryGetProperty(field, out _), field);
        }

        var xml = XDocument.Parse(await client.GetStringAsync("/open311/v2/services.xml"));
        Assert.Equal("services", xml.Root!.Name.LocalName);
        Assert.Contains(xml.Root.Elements("service"), s => s.Element("service_code")!.Value == "dien-nuoc-chieu-sang");
        var definition = XDocument.Parse(await client.GetStringAsync("/open311/v2/services/dien-nuoc-chieu-sang.xml"));
        Assert.Equal("dien-nuoc-chieu-sang", definition.Root!.Element("service_definition")!.Element("service_code")!.Value);

        // Creating needs an administrator's api_key.
        var form = new Dictionary<string, string>
        {
            ["service_code"] = "dien-nuoc-chieu-sang", ["lat"] = "11.3105", ["long"] = "106.0990", ["description"] = "Đèn đường tắt cả dãy",
            ["first_name"] = "Minh", ["last_name"] = "Trần", ["phone"] = "0909123456", ["email"] = "minh@example.vn",
        };
        var refused = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(403, (await refused.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetInt32());
        var administrator = await app.StaffAsync("quantri");
        var key = (await OkAsync(await administrator.PostAsJsonAsync("/api/staff/field-reports/open311-clients", new { name = "Bản đồ phản ánh của trường đại học" }))).GetProperty("apiKey").GetString()!;
        form["api_key"] = key;

        var created = await client.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var requestId = (await created.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;

        var one = await client.GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{requestId}.json");
        var request = one[0];
        foreach (var field in new[] { "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
                     "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url" })
        {
            Assert.True(request.TryGetProperty(field, out _), field);
        }

        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$", request.GetProperty("requested_datetime").GetString()!);
        // No area in an Open311 request: the lighting rule is for phường Tân Ninh, so the catch-all rule sends it to the office of the province's People's Committee.
        Assert.Equal("Văn phòng Ủy ban nhân dân tỉnh Tây Ninh", request.GetProperty("agency_responsible").GetString());
        var text = one.GetRawText();
        Assert.DoesNotContain("0909123456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("minh@example.vn", text, StringComparison.Ordinal);

        var list = XDocument.Parse(await client.GetStringAsync("/open311/v2/requests.xml?status=open&service_code=dien-nuoc-chieu-sang"));
        Assert.Equal("service_requests", list.Root!.Name.LocalName);
        Assert.Contains(list.Root.Elements("request"), r => r.Element("service_request_id")!.Value == requestId && r.Element("status")!.Value == "open");
        var closedOnly = await client.GetFromJsonAsync<JsonElement>("/open311/v2/requests.json?status=closed");
        Assert.DoesNotContain(closedOnly.EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == requestId);
    }

    [Fact]
    public async Task A_bad_service_code_answers_the_spec_error_shape_in_both_formats()
    {
        using var client = app.CreateClient();

        var json = await client.GetAsync("/open311/v2/services/khong-co.json");
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        var error = (await json.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal(404, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("description").GetString()));

        var administrator = await app.StaffAsync("quantri");
        var key = (await OkAsync(await administrator.PostAsJsonAsync("/api/staff/field-reports/open311-clients", new { name = "Thử" }))).GetProperty("apiKey").GetString()!;
        var xml = await client.PostAsync("/open311/v2/requests.xml", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "khong-co", ["lat"] = "11.3", ["long"] = "106.1", ["description"] = "x",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        var errors = XDocument.Parse(await xml.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("errors", errors.Name.LocalName);
        Assert.Equal("400", errors.Element("error")!.Element("code")!.Value);
        Assert.NotEmpty(errors.Element("error")!.Element("description")!.Value);
    }
}
