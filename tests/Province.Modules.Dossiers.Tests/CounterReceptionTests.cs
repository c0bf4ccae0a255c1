namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Issue 13: a dossier handed in on paper at the one-stop counter, typed in by the officer; its channel is kept and counted
/// by the statistics. Its own host for its own clock (a month no other test uses).
/// </summary>
public sealed class CounterReceptionTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static async Task<HttpResponseMessage> ReceiveAsync(HttpClient officer, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff/dossiers") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return await officer.SendAsync(request);
    }

    /// <summary>A walk-in birth registration: the applicant as the officer typed it, the papers the officer scanned.</summary>
    private static async Task<object> WalkInAsync(HttpClient officer, string phoneNumber = "0987654321", int salt = 0)
    {
        var procedure = await officer.GetFromJsonAsync<JsonElement>($"/api/public/dossiers/procedures/{BirthRegistration}");
        var documents = new List<object>();
        foreach (var document in procedure.GetProperty("requiredDocuments").EnumerateArray().Where(d => d.GetProperty("mandatory").GetBoolean()))
        {
            var uploaded = await OkAsync(await UploadAsync(officer, Png(salt * 100 + documents.Count), "ban-chup.png", "/api/staff/dossiers/uploads"));
            documents.Add(new { documentKey = document.GetProperty("key").GetString(), fileIds = new[] { uploaded.GetProperty("items")[0].GetProperty("id").GetGuid() } });
        }

        return new
        {
            procedureCode = BirthRegistration,
            applicant = new { fullName = "Võ Thị Hồng", dateOfBirth = "1985-02-03", citizenIdNumber = "072185009876", phoneNumber, email = (string?)null, address = "5 Cách Mạng Tháng Tám, Tây Ninh" },
            summary = "Đăng ký khai sinh cho con, nộp tại quầy",
            documents,
            delivery = new { method = "atOffice", address = (string?)null },
        };
    }

    [Fact]
    public async Task An_officer_receives_a_walk_in_dossier_at_the_counter_once_per_key_and_the_statistics_count_it()
    {
        app.Clock.Set(new DateTime(2027, 5, 3, 9, 0, 0));
        var officer = await app.StaffAsync("tanninh.mai");
        var body = await WalkInAsync(officer, salt: 2101);

        var first = await ReceiveAsync(officer, body, "counter-key-1");
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        var id = receipt.GetProperty("dossierId").GetGuid();
        Assert.Equal($"/api/staff/dossiers/{id}", first.Headers.Location?.OriginalString);

        // The same key and body replays the receipt; the same key with another body is refused.
        var again = await ReceiveAsync(officer, body, "counter-key-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierId").GetGuid());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ReceiveAsync(officer, await WalkInAsync(officer, salt: 2102), "counter-key-1")).StatusCode);

        var dossier = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal("counter", dossier.GetProperty("channel").GetString());
        Assert.Equal("Võ Thị Hồng", dossier.GetProperty("applicant").GetProperty("fullName").GetString());
        Assert.Equal(TanNinhWard, dossier.GetProperty("agencyId").GetGuid());
        var submitted = dossier.GetProperty("history")[0];
        Assert.Equal("Đặng Thị Mai", submitted.GetProperty("actor").GetString());
        Assert.Contains("trực tiếp", submitted.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("accept", dossier.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        // A citizen's dossier of the same month is online; one stored before the channel existed reads as online too.
        var citizen = await app.CitizenAsync("zalo-counter-online", "Nguyễn Văn An");
        var (online, _) = await SubmitBirthRegistrationAsync(citizen, salt: 2103);
        Assert.Equal("online", (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{online}")).GetProperty("channel").GetString());
        Assert.Equal(1, await app.Database.ScalarAsync<int>(
            """UPDATE dossiers.mt_doc_dossier SET data = data - 'channel' WHERE id = @id RETURNING 1""", ("id", online)));
        Assert.Equal("online", (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{online}")).GetProperty("channel").GetString());

        var may = Assert.Single((await officer.GetFromJsonAsync<JsonElement>("/api/staff/dossiers/statistics?from=2027-05-01&to=2027-05-31"))
            .GetProperty("months").EnumerateArray());
        Assert.Equal(1, may.GetProperty("receivedOnline").GetInt32());
        Assert.Equal(1, may.GetProperty("receivedAtCounter").GetInt32());
    }

    [Fact]
    public async Task The_counter_applies_the_citizens_rules_and_takes_only_the_officers_own_uploads()
    {
        app.Clock.Set(new DateTime(2027, 5, 4, 9, 0, 0));
        var officer = await app.StaffAsync("tanninh.mai");

        var noPhone = await ProblemAsync(await ReceiveAsync(officer, await WalkInAsync(officer, phoneNumber: "", salt: 2201)), HttpStatusCode.BadRequest, "validation.failed");
        Assert.True(noPhone.GetProperty("errors").TryGetProperty("applicant.phoneNumber", out _), noPhone.ToString());

        // A citizen's pending upload is not the officer's to attach.
        var citizen = await app.CitizenAsync("zalo-counter-files", "Nguyễn Văn An");
        var citizensBody = await BirthRegistrationAsync(citizen, salt: 2202);
        await ProblemAsync(await ReceiveAsync(officer, citizensBody), HttpStatusCode.UnprocessableEntity, "dossier.file_unavailable");

        // Signed out, or with a citizen's Zalo token (not a staff token): not the counter.
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReceiveAsync(app.CreateClient(), citizensBody)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReceiveAsync(citizen, citizensBody)).StatusCode);
    }
}
