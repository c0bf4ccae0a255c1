using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.BackOffice.Tests;

/// <summary>What a citizen does in the mini app before staff see a dossier: a birth registration at phường Tân Ninh.</summary>
internal static class CitizenDossiers
{
    public const string BirthRegistration = "1.001193";

    public static async Task<(Guid Id, string Code)> SubmitBirthRegistrationAsync(ProvinceApp app, string applicant)
    {
        var citizen = await app.CitizenAsync("zalo-" + Guid.NewGuid().ToString("N")[..12], applicant);
        var procedure = await citizen.GetFromJsonAsync<JsonElement>($"/api/public/dossiers/procedures/{BirthRegistration}");
        var documents = new List<object>();
        foreach (var document in procedure.GetProperty("requiredDocuments").EnumerateArray().Where(d => d.GetProperty("mandatory").GetBoolean()))
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(RealPng.Create());
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", $"giay-to-{documents.Count + 1}.png");
            var uploaded = await citizen.PostAsync("/api/dossiers/uploads", form);
            Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
            var answer = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
            var id = answer.TryGetProperty("items", out var items) ? items[0].GetProperty("id").GetGuid() : answer.GetProperty("id").GetGuid();
            documents.Add(new { documentKey = document.GetProperty("key").GetString(), fileIds = new[] { id } });
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers")
        {
            Content = JsonContent.Create(new
            {
                procedureCode = BirthRegistration,
                applicant = new { fullName = applicant, dateOfBirth = "1990-05-12", citizenIdNumber = "072090001234", phoneNumber = "0912345678", address = "12 Trần Hưng Đạo, Phường 1, Tây Ninh" },
                summary = "Đăng ký khai sinh cho con",
                documents,
                delivery = new { method = "atOffice" },
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var submitted = await citizen.SendAsync(request);
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("dossierId").GetGuid(), receipt.GetProperty("dossierCode").GetString()!);
    }
}
