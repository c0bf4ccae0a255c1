using System.Net.Http.Headers;

namespace Province.Modules.FieldReports.Tests;

internal static class FieldReportsApi
{
    public static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
    public static readonly Guid ProvinceCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000001");
    public static readonly Guid AgricultureEnvironmentDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000003");
    public static readonly Guid ConstructionDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000004");
    public static readonly Guid CommitteeOffice = Guid.Parse("0195a1f0-0000-7000-8000-000000000017");

    public static async Task<Guid> CategoryAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories?pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    public static async Task<Guid> UploadPhotoAsync(HttpClient client, byte[] bytes, string path = "/api/field-reports/uploads")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "hien-truong.jpg");
        var response = await client.PostAsync(path, form);
        return (await OkAsync(response)).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> SubmitAsync(HttpClient citizen, Guid categoryId, string? area = "Phuong 1", IReadOnlyList<Guid>? photoIds = null, bool anonymous = false,
        string title = "Đèn đường không sáng")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports")
        {
            Content = JsonContent.Create(new
            {
                categoryId,
                title,
                description = "Ba cột đèn trên đường Võ Văn Truyện không sáng từ tối qua, rất tối và nguy hiểm.",
                latitude = 11.3101,
                longitude = 106.0983,
                address = "Đường Võ Văn Truyện",
                area,
                anonymous,
                photoIds = photoIds ?? [],
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await OkAsync(await citizen.SendAsync(request));
    }

    public static IReadOnlyList<string?> Actions(JsonElement item) => [.. item.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString())];

    public static Guid Id(JsonElement detail) => detail.GetProperty("report").GetProperty("id").GetGuid();

    public static string Code(JsonElement detail) => detail.GetProperty("report").GetProperty("code").GetString()!;

    public static async Task<HttpResponseMessage> ActAsync(HttpClient officer, Guid id, string action, object? extra = null)
    {
        var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{id}")).GetProperty("version").GetInt32();
        var body = new Dictionary<string, object?> { ["version"] = version };
        foreach (var property in JsonSerializer.SerializeToElement(extra ?? new { }, JsonSerializerOptions.Web).EnumerateObject())
        {
            body[property.Name] = property.Value;
        }

        return await officer.PostAsJsonAsync($"/api/staff/field-reports/{id}/{action}", body);
    }

    public static async Task<Guid> OfficerIdAsync(HttpClient officer, Guid agencyId) =>
        (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{agencyId}/staff")).GetProperty("items")[0].GetProperty("id").GetGuid();


}

/// <summary>Province with demo data and fast escalation scans.</summary>
public sealed class FieldReportsApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["FieldReports:EscalationScanInterval"] = "00:00:00.200" };
}
