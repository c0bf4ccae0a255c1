using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>What a citizen does in the mini app before an agency sees a field report or a question.</summary>
internal static class CitizenReports
{
    public static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
    public static readonly Guid BinhMinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000010");
    public static readonly Guid CommitteeOffice = Guid.Parse("0195a1f0-0000-7000-8000-000000000017");

    public static async Task<Guid> CategoryAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories?pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    /// <summary>A report with one real photo at the given place; answers the reporter's view (<c>report.id</c>, <c>report.code</c>, <c>report.agencyId</c>).</summary>
    public static async Task<JsonElement> SubmitAsync(ProvinceApp app, string categoryCode, string title, string area = "Phuong 1", bool withPhoto = true)
    {
        var citizen = await app.CitizenAsync("zalo-" + Guid.NewGuid().ToString("N")[..12], "Phạm Thị Hoa");
        var profile = await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Phạm Thị Hoa", phoneNumber = "0934567890", version = 0 });
        Assert.True(profile.IsSuccessStatusCode, await profile.Content.ReadAsStringAsync());
        var photoIds = new List<Guid>();
        if (withPhoto)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(RealPng.Create());
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "hien-truong.png");
            var uploaded = await citizen.PostAsync("/api/field-reports/uploads", form);
            Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
            photoIds.Add((await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid());
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports")
        {
            Content = JsonContent.Create(new
            {
                categoryId = await CategoryAsync(citizen, categoryCode),
                title,
                description = "Ba cột đèn trên đường Võ Văn Truyện không sáng từ tối qua, rất tối và nguy hiểm.",
                latitude = 11.3101,
                longitude = 106.0983,
                address = "Đường Võ Văn Truyện",
                area,
                anonymous = false,
                photoIds,
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var submitted = await citizen.SendAsync(request);
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        return await submitted.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<Guid> AskAsync(ProvinceApp app, Guid agencyId, string title, string text)
    {
        var citizen = await app.CitizenAsync("zalo-" + Guid.NewGuid().ToString("N")[..12], "Nguyễn Văn Bảy");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports/questions") { Content = JsonContent.Create(new { agencyId, title, text }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var asked = await citizen.SendAsync(request);
        Assert.True(asked.StatusCode == HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
        return (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
