using Province.BuildingBlocks.Files;

namespace Province.Modules.FieldReports.Tests;

/// <summary>From the street to the public answer: photos, routing, the agency's workflow, the public feed.</summary>
public sealed class ReportFlowTests(FieldReportsApp app) : IClassFixture<FieldReportsApp>
{
    [Fact]
    public async Task A_report_with_photos_is_routed_handled_and_answered_publicly_without_the_reporter_or_the_photo_gps()
    {
        var citizen = await app.CitizenAsync("zalo-report-1");
        await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Phạm Thị Hoa", phoneNumber = "0934567890", version = 0 });
        var photo = await UploadPhotoAsync(citizen, TestJpeg.WithGpsExif());

        // The stored bytes (what anyone can download) carry no EXIF, GPS or phone model.
        var key = await app.Database.ScalarAsync<string>("""SELECT data ->> 'storageKey' FROM field_reports.mt_doc_reportphoto WHERE id = @id""", ("id", photo));
        var stored = await File.ReadAllBytesAsync(Path.Combine(app.FilesDirectory, key));
        Assert.False(JpegMetadata.HasExif(stored));
        Assert.Equal(-1, stored.AsSpan().IndexOf(TestJpeg.CameraBytes("Samsung SM-A546E")));
        Assert.Equal(-1, stored.AsSpan().IndexOf("Exif"u8));

        // Lighting in Phường 1 (the old name, typed without diacritics) goes to phường Tân Ninh, which it is part of since 2025, at once.
        var lighting = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var nearbyBefore = await citizen.GetFromJsonAsync<JsonElement>($"/api/public/field-reports/nearby?categoryId={lighting}&latitude=11.3101&longitude=106.0983");
        var report = await SubmitAsync(citizen, lighting, "Phuong 1", [photo]);
        Assert.Equal(TanNinhWard, report.GetProperty("report").GetProperty("agencyId").GetGuid());
        Assert.Equal("Phường Tân Ninh", report.GetProperty("report").GetProperty("wardName").GetString());
        Assert.Equal("received", report.GetProperty("report").GetProperty("status").GetString());
        var nearby = await citizen.GetFromJsonAsync<JsonElement>($"/api/public/field-reports/nearby?categoryId={lighting}&latitude=11.3102&longitude=106.0984");
        Assert.Equal(nearbyBefore.GetProperty("total").GetInt32() + 1, nearby.GetProperty("total").GetInt32());
        Assert.Contains(nearby.GetProperty("items").EnumerateArray(), n => n.GetProperty("code").GetString() == Code(report) && n.GetProperty("distanceMeters").GetInt32() < 50);

        // Environment goes to Sở Nông nghiệp và Môi trường; anything unmatched to the office of the province's People's Committee.
        Assert.Equal(AgricultureEnvironmentDepartment, (await SubmitAsync(citizen, await CategoryAsync(citizen, "moi-truong"))).GetProperty("report").GetProperty("agencyId").GetGuid());
        Assert.Equal(CommitteeOffice, (await SubmitAsync(citizen, await CategoryAsync(citizen, "an-toan-thuc-pham"), area: null)).GetProperty("report").GetProperty("agencyId").GetGuid());

        // The ward handles it: assign, start, ask for more, get it, answer with a photo of the fix.
        var ward = await app.StaffAsync("tanninh.mai");
        var id = Id(report);
        var queue = await ward.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/queue?pageSize=100&sort=-createdAt");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        await OkAsync(await ActAsync(ward, id, "assign", new { staffId = await OfficerIdAsync(ward, TanNinhWard) }));
        await OkAsync(await ActAsync(ward, id, "start"));
        await OkAsync(await ActAsync(ward, id, "request-information", new { note = "Xin cho biết số hiệu cột đèn." }));
        var mine = await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}");
        Assert.Equal("waitingForInformation", mine.GetProperty("report").GetProperty("status").GetString());
        await OkAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/provide-information", new { message = "Cột số 12, 13 và 14.", version = mine.GetProperty("version").GetInt32() }));
        var fix = await UploadPhotoAsync(ward, TestJpeg.WithGpsExif(camera: "iPhone 15"), "/api/staff/field-reports/uploads");
        // The public feed is output-cached: read it before the answer, so the answer must evict it.
        using var anonymous = app.CreateClient();
        Assert.DoesNotContain("Đã thay bóng đèn", await anonymous.GetStringAsync($"/api/public/field-reports?categoryId={lighting}"), StringComparison.Ordinal);
        var resolved = await OkAsync(await ActAsync(ward, id, "resolve", new { answer = "Đã thay bóng đèn ba cột 12-14 lúc 16 giờ.", photoIds = new[] { fix } }));
        Assert.Equal("resolved", resolved.GetProperty("report").GetProperty("status").GetString());

        // The public sees the answer at once and both photos, never who reported it.
        var feed = await anonymous.GetStringAsync($"/api/public/field-reports?categoryId={lighting}");
        Assert.Contains("Đã thay bóng đèn", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("Phạm Thị Hoa", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("0934567890", feed, StringComparison.Ordinal);
        var byArea = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/field-reports?area=phuong%201");
        Assert.Contains(byArea.GetProperty("items").EnumerateArray(), r => r.GetProperty("code").GetString() == Code(report));
        var elsewhere = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/field-reports?area=Phường%20Bình%20Minh");
        Assert.DoesNotContain(elsewhere.GetProperty("items").EnumerateArray(), r => r.GetProperty("code").GetString() == Code(report));
        var inBox = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/field-reports?minLatitude=11.30&minLongitude=106.09&maxLatitude=11.32&maxLongitude=106.11");
        Assert.Contains(inBox.GetProperty("items").EnumerateArray(), r => r.GetProperty("code").GetString() == Code(report));
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/field-reports/{Code(report)}");
        Assert.Equal(1, page.GetProperty("photos").GetArrayLength());
        Assert.Equal(1, page.GetProperty("fixPhotos").GetArrayLength());
        foreach (var link in page.GetProperty("photos").EnumerateArray().Concat(page.GetProperty("fixPhotos").EnumerateArray()))
        {
            var bytes = await anonymous.GetByteArrayAsync(link.GetProperty("url").GetString());
            Assert.False(JpegMetadata.HasExif(bytes));
        }

        await Eventually.GetAsync(
            () => citizen.GetFromJsonAsync<JsonElement>("/api/notifications"),
            inbox => inbox.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("title").GetString() == $"Phản ánh {Code(report)} đã được trả lời"));
        var history = (await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}")).GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        Assert.Equal(["received", "assigned", "inProgress", "waitingForInformation", "inProgress", "resolved"], history);
    }

    [Fact]
    public async Task Illegal_transitions_are_refused_with_409_and_the_report_is_unchanged()
    {
        var citizen = await app.CitizenAsync("zalo-report-2");
        var report = await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang"));
        var ward = await app.StaffAsync("tanninh.mai");
        var id = Id(report);

        foreach (var action in new[] { "start", "resolve", "close", "request-information" })
        {
            await ProblemAsync(await ActAsync(ward, id, action, new { note = "x", answer = "x" }), HttpStatusCode.Conflict, "field_report.illegal_transition");
        }

        await OkAsync(await ActAsync(ward, id, "reject", new { note = "Đèn thuộc khu dân cư tự quản, không thuộc phạm vi." }));
        foreach (var action in new[] { "start", "resolve", "reject", "assign", "forward", "request-information" })
        {
            await ProblemAsync(await ActAsync(ward, id, action, new { note = "x", answer = "x", staffId = Guid.NewGuid(), agencyId = ConstructionDepartment }), HttpStatusCode.Conflict, "field_report.illegal_transition");
        }

        await OkAsync(await ActAsync(ward, id, "close"));
        var detail = await ward.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Equal("closed", detail.GetProperty("report").GetProperty("status").GetString());
        await ProblemAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/provide-information", new { message = "x", version = detail.GetProperty("version").GetInt32() }),
            HttpStatusCode.Conflict, "field_report.illegal_transition");
    }

    [Fact]
    public async Task A_report_is_forwarded_to_another_agency_and_an_officer_of_another_agency_is_refused()
    {
        var citizen = await app.CitizenAsync("zalo-report-3");
        var report = await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang"));
        var id = Id(report);
        var justice = await app.StaffAsync("tuphap.lan");
        await ProblemAsync(await justice.GetAsync($"/api/staff/field-reports/queue?agencyId={TanNinhWard}"), HttpStatusCode.Forbidden, "field_report.agency_forbidden");
        await ProblemAsync(await justice.GetAsync($"/api/staff/field-reports/{id}"), HttpStatusCode.NotFound, "field_report.not_found");
        await ProblemAsync(await justice.PostAsJsonAsync($"/api/staff/field-reports/{id}/start", new { version = 0 }), HttpStatusCode.NotFound, "field_report.not_found");

        var ward = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(ward, id, "forward", new { agencyId = ConstructionDepartment, note = "Tuyến đường do tỉnh quản lý." }));

        await ProblemAsync(await ward.GetAsync($"/api/staff/field-reports/{id}"), HttpStatusCode.NotFound, "field_report.not_found");
        var construction = await app.StaffAsync("xaydung.son");
        var detail = await construction.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Equal(ConstructionDepartment, detail.GetProperty("report").GetProperty("agencyId").GetGuid());
        Assert.Equal("received", detail.GetProperty("report").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_rating_is_kept_once_per_answer_and_does_not_reopen_the_report()
    {
        var ward = await app.StaffAsync("tanninh.mai");
        var citizen = await app.CitizenAsync("zalo-rate-1");
        var id = Id(await SubmitAsync(citizen, await CategoryAsync(citizen, "dien-nuoc-chieu-sang")));
        await OkAsync(await ActAsync(ward, id, "assign", new { staffId = await OfficerIdAsync(ward, TanNinhWard) }));
        await OkAsync(await ActAsync(ward, id, "resolve", new { answer = "Đã sửa." }));

        var version = (await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{id}")).GetProperty("version").GetInt32();
        await ProblemAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/rate", new { stars = 9, version }), HttpStatusCode.BadRequest, "validation.failed");
        var kept = await OkAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/rate", new { stars = 2, message = "Chậm.", version }));
        Assert.Equal("resolved", kept.GetProperty("report").GetProperty("status").GetString());
        Assert.Equal(2, kept.GetProperty("rating").GetInt32());
        Assert.Equal(0, kept.GetProperty("reopens").GetInt32());
        await ProblemAsync(await citizen.PostAsJsonAsync($"/api/field-reports/{id}/rate", new { stars = 5, version = kept.GetProperty("version").GetInt32() }),
            HttpStatusCode.UnprocessableEntity, "field_report.rating_closed");
    }

    [Fact]
    public async Task An_overdue_report_is_escalated_from_the_commune_to_the_competent_department_once()
    {
        app.Clock.Set(new DateTime(2026, 12, 2, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-overdue");
        // 72 h; "Phường 1, TP Tây Ninh" is phường Tân Ninh now, whose rule takes it.
        var report = await SubmitAsync(citizen, await CategoryAsync(citizen, "an-toan-giao-thong"), "Phường 1, TP Tây Ninh");
        Assert.Equal(TanNinhWard, report.GetProperty("report").GetProperty("agencyId").GetGuid());

        app.Clock.Set(new DateTime(2026, 12, 5, 10, 0, 0));
        var id = Id(report);
        // Two tiers since 1 July 2025: from the ward straight to the department competent for road safety (Sở Xây dựng, Decree 45/2025), no district between.
        await Eventually.GetAsync(
            () => app.Database.ScalarAsync<string>("""SELECT data ->> 'agencyId' FROM field_reports.mt_doc_fieldreport WHERE id = @id""", ("id", id)),
            agency => agency == ConstructionDepartment.ToString());
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.Equal(1, await app.Database.ScalarAsync<int>(
            """SELECT count(*) FROM field_reports.mt_events WHERE mt_dotnet_type LIKE '%FieldReportOverdue%' AND data ->> 'reportId' = @id""", ("id", id.ToString())));
        var administrator = await app.StaffAsync("quantri");
        var detail = await administrator.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}");
        Assert.Contains(detail.GetProperty("history").EnumerateArray(), h => h.GetProperty("description").GetString()!.Contains("cấp trên", StringComparison.Ordinal)
            && h.GetProperty("description").GetString()!.Contains("Sở Xây dựng", StringComparison.Ordinal));
    }
}
