using System.Xml.Linq;

namespace Province.Modules.FieldReports.Tests;

/// <summary>
/// Issue 16, findings 2, 4, 8 and 10 as an outside prober saw them: what citizens type is published with care
/// (control characters gone, personal numbers masked, positions rounded, refused and hidden reports left out),
/// officers can redact and hide with the step in the history, and malformed input answers 400, never 500.
/// </summary>
public sealed class PublicExposureTests(PublicExposureTests.App app) : IClassFixture<PublicExposureTests.App>
{
    /// <summary>Absolute links come from this setting, never from the Host header a client sends.</summary>
    public sealed class App : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["PublicBaseUrl"] = "https://dichvucong.tayninh.gov.vn" };
    }

    private static async Task<JsonElement> SubmitTextAsync(HttpClient citizen, Guid categoryId, string title, string description, bool anonymous = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports")
        {
            Content = JsonContent.Create(new
            {
                categoryId, title, description, latitude = 11.310_149, longitude = 106.098_361, address = "12 Võ Văn Truyện", area = "Phuong 1", anonymous,
                photoIds = Array.Empty<Guid>(),
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await OkAsync(await citizen.SendAsync(request));
    }

    [Fact]
    public async Task Control_characters_are_removed_at_the_edge_and_a_stored_one_never_breaks_the_open311_feed()
    {
        var citizen = await app.CitizenAsync("zalo-exposure-control");
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var report = await SubmitTextAsync(citizen, lighting, "Đèn\u0000 hỏng\u001b[31m\u202E", "Dòng một\nDòng hai\u0007\u0085\u2066.");
        Assert.Equal("Đèn hỏng[31m", report.GetProperty("report").GetProperty("title").GetString());
        Assert.Equal("Dòng một\nDòng hai.", report.GetProperty("report").GetProperty("description").GetString());

        // A row written before the edge cleaned input (straight into the snapshot) still leaves as valid XML.
        var code = Code(report);
        Assert.Equal(1, await app.Database.ScalarAsync<int>(
            """UPDATE field_reports.mt_doc_fieldreport SET data = jsonb_set(data, '{description}', to_jsonb('cũ' || chr(27) || 'x' || chr(1))) WHERE code = @code RETURNING 1""",
            ("code", code)));
        using var anonymous = app.CreateClient();
        var xmlResponse = await anonymous.GetAsync(new Uri("/open311/v2/requests.xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xmlResponse.StatusCode);
        var xml = XDocument.Parse(await xmlResponse.Content.ReadAsStringAsync());
        Assert.Equal("cũx", xml.Root!.Elements("request").Single(r => r.Element("service_request_id")!.Value == code).Element("description")!.Value);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/open311/v2/requests.json", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Public_views_mask_numbers_and_emails_round_the_position_and_leave_out_rejected_reports()
    {
        var citizen = await app.CitizenAsync("zalo-exposure-mask");
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var report = await SubmitTextAsync(citizen, lighting, "Gọi 0912 345 678 khi cần",
            "Nhà tôi số 12, CCCD 072085001234, email an.nguyen@example.vn, điện thoại +84 912345678.");
        var code = Code(report);
        using var anonymous = app.CreateClient();

        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/field-reports/{code}");
        var open311 = (await anonymous.GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{code}.json"))[0];
        var nearby = await anonymous.GetStringAsync($"/api/public/field-reports/nearby?categoryId={lighting}&latitude=11.3101&longitude=106.0983");
        foreach (var text in new[] { page.GetRawText(), open311.GetRawText(), nearby })
        {
            Assert.DoesNotContain("345 678", text, StringComparison.Ordinal);
            Assert.DoesNotContain("072085001234", text, StringComparison.Ordinal);
            Assert.DoesNotContain("an.nguyen@example.vn", text, StringComparison.Ordinal);
            Assert.DoesNotContain("912345678", text, StringComparison.Ordinal);
            Assert.DoesNotContain("11.310149", text, StringComparison.Ordinal);
        }

        Assert.Equal("Nhà tôi số 12, CCCD [số đã ẩn], email [email đã ẩn], điện thoại [số đã ẩn].", page.GetProperty("description").GetString());
        Assert.Equal(11.31, page.GetProperty("latitude").GetDouble());
        Assert.Equal(106.098, open311.GetProperty("long").GetDouble());

        // The reporter and the agency still read what was written, at the exact place.
        var mine = await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{Id(report)}");
        Assert.Contains("072085001234", mine.GetProperty("report").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(11.310149, mine.GetProperty("report").GetProperty("latitude").GetDouble());

        // Rejected: false or abusive more often than not; its reason is for the reporter only.
        var ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(ward, Id(report), "reject", new { note = "Thông tin không đúng sự thật." }));
        await ProblemAsync(await anonymous.GetAsync(new Uri($"/api/public/field-reports/{code}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/open311/v2/requests/{code}.json", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain(code, await anonymous.GetStringAsync("/open311/v2/requests.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officers_redact_and_hide_a_report_with_the_steps_in_its_history()
    {
        var citizen = await app.CitizenAsync("zalo-exposure-moderation");
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var report = await SubmitTextAsync(citizen, lighting, "Ông Trần Văn Bảy hàng xóm câu trộm điện", "Ông Bảy ở số 14 câu trộm điện, đèn đường tắt.");
        var (id, code) = (Id(report), Code(report));
        var ward = await app.StaffAsync("tanninh.mai");
        using var anonymous = app.CreateClient();

        var redacted = await OkAsync(await ActAsync(ward, id, "redact",
            new { title = "Đèn đường tắt", description = "Đèn đường tắt, nghi có câu điện trái phép.", note = "Bỏ tên người bị nêu." }));
        Assert.Equal("received", redacted.GetProperty("report").GetProperty("status").GetString());
        Assert.Contains(redacted.GetProperty("history").EnumerateArray(), h => h.GetProperty("description").GetString()!.Contains("biên tập", StringComparison.Ordinal)
            && h.GetProperty("note").GetString() == "Bỏ tên người bị nêu.");
        var open311 = await anonymous.GetStringAsync($"/open311/v2/requests/{code}.json");
        Assert.Contains("nghi có câu điện trái phép", open311, StringComparison.Ordinal);
        Assert.DoesNotContain("Bảy", open311, StringComparison.Ordinal);

        await OkAsync(await ActAsync(ward, id, "hide", new { note = "Nội dung nêu đích danh cá nhân." }));
        await ProblemAsync(await anonymous.GetAsync(new Uri($"/api/public/field-reports/{code}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.DoesNotContain(code, await anonymous.GetStringAsync("/open311/v2/requests.json"), StringComparison.Ordinal);
        var nearby = await anonymous.GetStringAsync($"/api/public/field-reports/nearby?categoryId={lighting}&latitude=11.3101&longitude=106.0983");
        Assert.DoesNotContain(code, nearby, StringComparison.Ordinal);

        var shown = await OkAsync(await ActAsync(ward, id, "publish", new { note = "Đã biên tập xong." }));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri($"/api/public/field-reports/{code}", UriKind.Relative))).StatusCode);
        // The stream holds every step: submitted, redacted, hidden, shown.
        var steps = shown.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("description").GetString()!).ToList();
        Assert.Equal(4, steps.Count);
        Assert.Contains(steps, s => s.Contains("ẩn phản ánh", StringComparison.Ordinal));
        Assert.Contains(steps, s => s.Contains("hiện lại", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_anonymous_report_never_shows_the_reporters_phone_to_officers()
    {
        var citizen = await app.CitizenAsync("zalo-exposure-anonymous");
        await OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Lê Thị Cúc", phoneNumber = "0945678123", version = 0 }));
        var report = await SubmitTextAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang"), "Đèn tắt", "Đèn tắt cả tuần.", anonymous: true);
        var ward = await app.StaffAsync("tanninh.mai");
        var seen = await ward.GetStringAsync($"/api/staff/field-reports/{Id(report)}");
        Assert.DoesNotContain("0945678123", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Lê Thị Cúc", seen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Public_questions_and_answers_are_masked_and_an_officer_can_hide_one()
    {
        var citizen = await app.CitizenAsync("zalo-exposure-question");
        using var ask = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports/questions")
        {
            Content = JsonContent.Create(new { agencyId = TanNinhWard, title = "Hỏi về cấp đổi CCCD", text = "CCCD của tôi 072085009999 bị mất, gọi tôi 0987 654 321." }),
        };
        ask.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var question = await OkAsync(await citizen.SendAsync(ask));
        var id = question.GetProperty("id").GetGuid();
        var ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ward.PostAsJsonAsync($"/api/staff/field-reports/questions/{id}/answer",
            new { answer = "Ông/bà liên hệ bộ phận một cửa, hoặc email motcua@example.vn.", @public = true }));

        using var anonymous = app.CreateClient();
        var guide = await anonymous.GetStringAsync("/api/public/field-reports/questions?q=cap%20doi%20cccd");
        Assert.Contains("Hỏi về cấp đổi CCCD", guide, StringComparison.Ordinal);
        Assert.DoesNotContain("072085009999", guide, StringComparison.Ordinal);
        Assert.DoesNotContain("654 321", guide, StringComparison.Ordinal);
        Assert.DoesNotContain("motcua@example.vn", guide, StringComparison.Ordinal);
        // Typing the number does not find the question either.
        Assert.Equal(0, (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/field-reports/questions?q=072085009999")).GetProperty("total").GetInt32());

        var hidden = await OkAsync(await ward.PostAsJsonAsync($"/api/staff/field-reports/questions/{id}/moderate", new { @public = false, note = "Có thông tin cá nhân." }));
        Assert.False(hidden.GetProperty("public").GetBoolean());
        Assert.DoesNotContain("Hỏi về cấp đổi CCCD", await anonymous.GetStringAsync("/api/public/field-reports/questions?q=cap%20doi%20cccd"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impossible_positions_and_oversized_texts_answer_400_not_500()
    {
        using var anonymous = app.CreateClient();
        var lighting = await CategoryAsync(anonymous, "dien-nuoc-chieu-sang");
        foreach (var query in new[] { "latitude=NaN&longitude=106.1", "latitude=11.3&longitude=Infinity", "latitude=91&longitude=106.1" })
        {
            await ProblemAsync(await anonymous.GetAsync(new Uri($"/api/public/field-reports/nearby?categoryId={lighting}&{query}", UriKind.Relative)), HttpStatusCode.BadRequest);
        }

        await ProblemAsync(await anonymous.GetAsync(new Uri("/api/public/field-reports?minLatitude=NaN&minLongitude=1&maxLatitude=2&maxLongitude=3", UriKind.Relative)),
            HttpStatusCode.BadRequest);

        var citizen = await app.CitizenAsync("zalo-exposure-oversized");
        var report = await SubmitTextAsync(citizen, lighting, "Đèn tắt", "Đèn tắt cả tuần.");
        var ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(ward, Id(report), "assign", new { staffId = await OfficerIdAsync(ward, TanNinhWard) }));
        await ProblemAsync(await ActAsync(ward, Id(report), "request-information", new { note = new string('a', 5000) }), HttpStatusCode.BadRequest, "validation.failed");
        Assert.Equal("assigned", (await ward.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{Id(report)}")).GetProperty("report").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Open311_media_url_comes_from_the_public_base_url_never_from_the_host_header()
    {
        var citizen = await app.CitizenAsync("zalo-exposure-media");
        var photo = await UploadPhotoAsync(citizen, TestJpeg.WithoutMetadata());
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var report = await SubmitAsync(citizen, lighting, "Phuong 1", [photo]);
        var code = Code(report);
        // Photos are public only once the report is answered in public.
        var ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(ward, Id(report), "assign", new { staffId = await OfficerIdAsync(ward, TanNinhWard) }));
        await OkAsync(await ActAsync(ward, Id(report), "resolve", new { answer = "Đã sửa." }));

        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/open311/v2/requests/{code}.json");
        request.Headers.Host = "attacker.example";
        var response = await client.SendAsync(request);
        var mediaUrl = (await OkAsync(response))[0].GetProperty("media_url").GetString();
        Assert.Equal($"https://dichvucong.tayninh.gov.vn/api/public/field-reports/photos/{photo}", mediaUrl);
    }
}
