using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Province.MiniApp.Tests;

/// <summary>What staff and other citizens do through the API around a journey (the back office's part).</summary>
internal static class StaffActions
{
    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, bool idempotent = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotent)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return await ApiAssert.OkAsync(await client.SendAsync(request));
    }

    public static async Task<Guid> CategoryAsync(HttpClient client, string code) =>
        Items(await client.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories"))
            .Single(c => c.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    public static IEnumerable<JsonElement> Items(JsonElement body) =>
        body.ValueKind == JsonValueKind.Array ? body.EnumerateArray() : body.GetProperty("items").EnumerateArray();

    /// <summary>A report in phường Tân Ninh, answered publicly by the ward: its title.</summary>
    public static async Task<string> AnsweredReportAsync(MiniAppFixture fixture, string title)
    {
        using var citizen = await fixture.CitizenAsync("reporter-" + Guid.NewGuid().ToString("N")[..10]);
        var category = await CategoryAsync(citizen, "dien-nuoc-chieu-sang");
        var report = await PostAsync(citizen, "/api/field-reports", new
        {
            categoryId = category,
            title,
            description = "Cây lớn đổ chắn ngang đường sau cơn mưa, xe máy không qua được.",
            latitude = 11.3101,
            longitude = 106.0983,
            address = "Đường Lê Lợi",
            area = "Phuong 1",
            anonymous = false,
            photoIds = Array.Empty<Guid>(),
        }, idempotent: true);
        await ResolveReportAsync(fixture, ReportId(report), "Đã cắt dọn cây đổ, đường đã thông.");
        return title;
    }

    public static Guid ReportId(JsonElement report) =>
        (report.TryGetProperty("report", out var inner) ? inner : report).GetProperty("id").GetGuid();

    public static async Task<JsonElement> ResolveReportAsync(MiniAppFixture fixture, Guid id, string answer)
    {
        using var ward = await fixture.StaffAsync("tanninh.mai");
        var officers = await ApiAssert.OkAsync(await ward.GetAsync($"/api/staff/identity/agencies/{MiniAppFixture.TanNinhWard}/staff"));
        var staffId = officers.GetProperty("items")[0].GetProperty("id").GetGuid();
        await PostAsync(ward, $"/api/staff/field-reports/{id}/{ReportActions.Assign}", new { version = await ReportVersionAsync(ward, id), staffId });
        return await PostAsync(ward, $"/api/staff/field-reports/{id}/{ReportActions.Resolve}", new { version = await ReportVersionAsync(ward, id), answer, photoIds = Array.Empty<Guid>() });
    }

    private static async Task<long> ReportVersionAsync(HttpClient staff, Guid id) =>
        (await ApiAssert.OkAsync(await staff.GetAsync($"/api/staff/field-reports/{id}"))).GetProperty("version").GetInt64();

    /// <summary>The staff actions' route names (verbs since issue 13).</summary>
    internal static class ReportActions
    {
        public const string Assign = "assign";
        public const string Resolve = "resolve";
    }

    /// <summary>The staff member who handles a dossier of this agency in the demo data.</summary>
    public static string StaffOf(Guid agencyId) => agencyId == MiniAppFixture.TanNinhWard ? "tanninh.mai" : "tuphap.lan";

    public static async Task<JsonElement> DossierActionAsync(HttpClient staff, Guid id, string action, object body) =>
        await PostAsync(staff, $"/api/staff/dossiers/{id}/{action}", body);

    public static async Task<long> VersionAsync(HttpClient staff, Guid dossierId) =>
        (await ApiAssert.OkAsync(await staff.GetAsync($"/api/staff/dossiers/{dossierId}"))).GetProperty("version").GetInt64();
}

internal static class CitizenActions
{
    public static FilePayload Photo(string name = "giay-to.png") => new() { Name = name, MimeType = "image/png", Buffer = TestPng.Unique() };

    /// <summary>A khai sinh dossier (procedure 1.001193, documents 1 and 2) submitted through the API: its receipt.</summary>
    public static async Task<JsonElement> SubmitDossierAsync(HttpClient citizen)
    {
        var files = new List<Guid>();
        foreach (var name in new[] { "to-khai.png", "giay-chung-sinh.png" })
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestPng.Unique());
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", name);
            var uploaded = await ApiAssert.OkAsync(await citizen.PostAsync("/api/dossiers/uploads", form));
            files.Add((uploaded.TryGetProperty("items", out var items) ? items[0] : uploaded).GetProperty("id").GetGuid());
        }

        return await StaffActions.PostAsync(citizen, "/api/dossiers", new
        {
            procedureCode = "1.001193",
            applicant = new { fullName = "Nguyễn Văn An", phoneNumber = "0912345678", address = "Phường Tân Ninh, tỉnh Tây Ninh" },
            documents = new[] { new { documentKey = "1", fileIds = new[] { files[0] } }, new { documentKey = "2", fileIds = new[] { files[1] } } },
            delivery = new { method = "atOffice" },
        }, idempotent: true);
    }

    public static async Task<List<JsonElement>> MyDossiersAsync(HttpClient citizen) =>
        [.. StaffActions.Items(await ApiAssert.OkAsync(await citizen.GetAsync("/api/dossiers?page=1&pageSize=50")))];
}
