using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Province.Testing;

/// <summary>A dossier a test can submit through HTTP: birth registration (1.001193) with every mandatory document.</summary>
public static class TestDossiers
{
    public const string BirthRegistration = "1.001193";

    /// <summary>The keys of the documents birth registration cannot go without.</summary>
    public static async Task<List<string>> MandatoryDocumentKeysAsync(HttpClient anonymous)
    {
        using var client = anonymous;
        var procedure = await client.GetFromJsonAsync<JsonElement>($"/api/public/dossiers/procedures/{BirthRegistration}");
        return procedure.GetProperty("requiredDocuments").EnumerateArray()
            .Where(d => d.GetProperty("mandatory").GetBoolean()).Select(d => d.GetProperty("key").GetString()!).ToList();
    }

    /// <summary>A complete birth registration, its documents uploaded by <paramref name="citizen"/>.</summary>
    public static async Task<object> BirthRegistrationBodyAsync(HttpClient citizen, List<string> documentKeys)
    {
        var documents = new List<object>();
        foreach (var key in documentKeys)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestPng.Unique());
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "giay-chung-sinh.png");
            using var uploaded = await citizen.PostAsync(new Uri("/api/dossiers/uploads", UriKind.Relative), form);
            uploaded.EnsureSuccessStatusCode();
            documents.Add(new { documentKey = key, fileIds = new[] { (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid() } });
        }

        return new
        {
            procedureCode = BirthRegistration,
            applicant = new { fullName = "Trần Thị Bình", dateOfBirth = "1992-03-04", citizenIdNumber = "072092004321", phoneNumber = "0987654321", email = (string?)null, address = "5 Lê Lợi, Phường 1, Tây Ninh" },
            summary = "Đăng ký khai sinh cho con",
            documents,
            delivery = new { method = "atOffice", address = (string?)null },
        };
    }
}
