using System.Net.Http.Headers;

namespace Province.Modules.Dossiers.Tests;

/// <summary>The calls the mini app and the back office make, in the tests' words.</summary>
internal static class DossierApi
{
    public const string BirthRegistration = "1.001193";
    public static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
    public static readonly Guid JusticeDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000002");

    /// <summary>A tiny valid PNG; <paramref name="salt"/> makes its bytes (and hash) unique.</summary>
    public static byte[] Png(int salt = 0)
    {
        return TestPng.Create([.. BitConverter.GetBytes(salt), .. BitConverter.GetBytes(Environment.TickCount64), .. Guid.NewGuid().ToByteArray()]);
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName = "giay-chung-sinh.png", string path = "/api/dossiers/uploads")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", fileName);
        return await client.PostAsync(path, form);
    }

    public static async Task<Guid> UploadIdAsync(HttpClient client, int salt = 0)
    {
        var response = await UploadAsync(client, Png(salt));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    /// <summary>The body of a birth registration with every mandatory document attached.</summary>
    public static async Task<object> BirthRegistrationAsync(HttpClient citizen, string name = "Nguyễn Văn An", int salt = 0)
    {
        using var procedureClient = new HttpClient { BaseAddress = citizen.BaseAddress };
        var procedure = await citizen.GetFromJsonAsync<JsonElement>($"/api/public/dossiers/procedures/{BirthRegistration}");
        var documents = new List<object>();
        foreach (var document in procedure.GetProperty("requiredDocuments").EnumerateArray().Where(d => d.GetProperty("mandatory").GetBoolean()))
        {
            documents.Add(new { documentKey = document.GetProperty("key").GetString(), fileIds = new[] { await UploadIdAsync(citizen, salt * 100 + documents.Count) } });
        }

        return new
        {
            procedureCode = BirthRegistration,
            applicant = new { fullName = name, dateOfBirth = "1990-05-12", citizenIdNumber = "072090001234", phoneNumber = "0912345678", email = (string?)null, address = "12 Trần Hưng Đạo, Phường 1, Tây Ninh" },
            summary = "Đăng ký khai sinh cho con",
            documents,
            delivery = new { method = "atOffice", address = (string?)null },
        };
    }

    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient citizen, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return await citizen.SendAsync(request);
    }

    /// <summary>Submits a birth registration and returns (id, code).</summary>
    public static async Task<(Guid Id, string Code)> SubmitBirthRegistrationAsync(HttpClient citizen, int salt = 0)
    {
        var response = await SubmitAsync(citizen, await BirthRegistrationAsync(citizen, salt: salt));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (receipt.GetProperty("dossierId").GetGuid(), receipt.GetProperty("dossierCode").GetString()!);
    }

    public static async Task<int> VersionAsync(HttpClient officer, Guid dossierId) =>
        (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{dossierId}")).GetProperty("version").GetInt32();

    /// <summary>An officer action with the current version; returns the raw answer.</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient officer, Guid dossierId, string action, object? extra = null)
    {
        var version = await VersionAsync(officer, dossierId);
        var body = new Dictionary<string, object?> { ["version"] = version };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra, JsonSerializerOptions.Web).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        return await officer.PostAsJsonAsync($"/api/staff/dossiers/{dossierId}/{action}", body);
    }



    /// <summary>Assigns the dossier to the Tân Ninh ward officer named <paramref name="fullName"/>.</summary>
    public static async Task<JsonElement> AssignToAsync(HttpClient officer, Guid dossierId, string fullName)
    {
        var colleagues = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/identity/agencies/{TanNinhWard}/staff");
        var staffId = colleagues.GetProperty("items").EnumerateArray().First(o => o.GetProperty("fullName").GetString() == fullName).GetProperty("id").GetGuid();
        return await OkAsync(await ActAsync(officer, dossierId, "assign", new { staffId }));
    }

    /// <summary>
    /// A one-time fill of a dossier view (<c>FillDossierViews</c>) just run on a database without views: every dossier has
    /// its view in <paramref name="views"/> and <paramref name="marker"/> records how many; once recorded, another run
    /// leaves the views alone (the view of <paramref name="dossierId"/>, removed, stays removed). Leaves the database as
    /// the fill found it after its first run.
    /// </summary>
    public static async Task AssertFilledOnceAsync(ProvinceApp app, string views, string marker, Guid dossierId, Func<Task> runFill)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(runFill);
        var dossiers = await app.Database.ScalarAsync<long>("SELECT count(*) FROM dossiers.mt_doc_dossier");
        Assert.Equal(dossiers, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM dossiers.{views}"));
        Assert.Equal(dossiers, await app.Database.ScalarAsync<long>($"SELECT (data ->> 'filled')::bigint FROM dossiers.{marker}"));

        await app.Database.ScalarAsync<long>($"WITH d AS (DELETE FROM dossiers.{views} WHERE id = '{dossierId}' RETURNING 1) SELECT count(*) FROM d");
        await runFill();
        Assert.Equal(dossiers - 1, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM dossiers.{views}"));

        // Put back as the older version would find it, and filled again.
        await app.Database.ScalarAsync<long>($"WITH d AS (DELETE FROM dossiers.{marker} RETURNING 1) SELECT count(*) FROM d");
        await runFill();
        Assert.Equal(dossiers, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM dossiers.{views}"));
    }

    public static async Task<JsonElement> PortalReceivedAsync(ProvinceApp app)
    {
        using var client = app.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/national-portal-simulator/dev/received");
    }
}
