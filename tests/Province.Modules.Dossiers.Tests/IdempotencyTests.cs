namespace Province.Modules.Dossiers.Tests;

/// <summary>A retry on a flaky mobile network never makes a second dossier.</summary>
public sealed class IdempotencyTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task The_same_key_and_body_returns_the_first_receipt_and_makes_one_dossier()
    {
        var citizen = await app.CitizenAsync("zalo-idem-1");
        var body = await BirthRegistrationAsync(citizen, salt: 1);
        var key = Guid.NewGuid().ToString();

        var first = await SubmitAsync(citizen, body, key);
        var again = await SubmitAsync(citizen, body, key);
        // And a burst of the same retry at once.
        var burst = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => SubmitAsync(citizen, body, key)));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var receipt = await first.Content.ReadAsStringAsync();
        foreach (var retry in burst.Append(again))
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal(first.Headers.Location, retry.Headers.Location);
            Assert.Equal(JsonDocument.Parse(receipt).RootElement.GetProperty("dossierCode").GetString(),
                (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierCode").GetString());
        }

        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var mine = await citizen.GetFromJsonAsync<JsonElement>("/api/dossiers");
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        var citizen = await app.CitizenAsync("zalo-idem-2");
        var body = await BirthRegistrationAsync(citizen, salt: 2);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(citizen, body, key)).StatusCode);

        var other = await BirthRegistrationAsync(citizen, "Trần Thị Bình", salt: 3);
        var problem = await ProblemAsync(await SubmitAsync(citizen, other, key), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("idempotency.key_reused", problem.GetProperty("code").GetString());
        Assert.Equal(1, (await citizen.GetFromJsonAsync<JsonElement>("/api/dossiers")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_submission_without_a_key_is_refused_before_anything_is_written()
    {
        var citizen = await app.CitizenAsync("zalo-idem-3");
        var body = await BirthRegistrationAsync(citizen, salt: 4);

        var response = await citizen.PostAsJsonAsync("/api/dossiers", body);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(0, (await citizen.GetFromJsonAsync<JsonElement>("/api/dossiers")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Two_citizens_may_use_the_same_key()
    {
        var key = "shared-key-" + Guid.NewGuid();
        var an = await app.CitizenAsync("zalo-idem-4");
        var binh = await app.CitizenAsync("zalo-idem-5");

        var first = await SubmitAsync(an, await BirthRegistrationAsync(an, salt: 5), key);
        var second = await SubmitAsync(binh, await BirthRegistrationAsync(binh, salt: 6), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.NotEqual(first.Headers.Location, second.Headers.Location);
    }
}
