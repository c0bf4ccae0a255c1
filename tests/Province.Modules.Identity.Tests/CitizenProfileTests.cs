using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Modules.Identity.Tests;

public sealed class CitizenProfileTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static object Profile(int version, string? fullName = "Nguyễn Văn An", string? citizenId = "072085001234", string? phone = "0912345678") => new
    {
        fullName,
        dateOfBirth = "1985-03-02",
        citizenIdNumber = citizenId,
        address = "12 Đường 30/4, phường Tân Ninh, tỉnh Tây Ninh",
        phoneNumber = phone,
        version,
    };

    [Fact]
    public async Task A_citizen_is_created_on_first_sight_and_reads_an_empty_profile()
    {
        using var citizen = await app.CitizenAsync("zalo-first-sight", "Trần Thị Bình");

        var profile = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");

        Assert.Equal("Trần Thị Bình", profile.GetProperty("zaloName").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("fullName").ValueKind);
        Assert.Equal(0, profile.GetProperty("version").GetInt32());
        var again = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal(profile.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_citizen_updates_their_profile_and_the_version_moves_on()
    {
        using var citizen = await app.CitizenAsync("zalo-update");

        var response = await citizen.PatchAsJsonAsync("/api/identity/me", Profile(version: 0));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal("Nguyễn Văn An", saved.GetProperty("fullName").GetString());
        Assert.Equal("1985-03-02", saved.GetProperty("dateOfBirth").GetString());
        Assert.Equal("072085001234", saved.GetProperty("citizenIdNumber").GetString());
        Assert.False(saved.GetProperty("phoneNumberVerified").GetBoolean());
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.EndsWith("+07:00", saved.GetProperty("updatedAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_based_on_an_old_version_is_refused_with_409()
    {
        using var citizen = await app.CitizenAsync("zalo-stale");
        (await citizen.PatchAsJsonAsync("/api/identity/me", Profile(version: 0))).EnsureSuccessStatusCode();

        var stale = await citizen.PatchAsJsonAsync("/api/identity/me", Profile(version: 0, fullName: "Nguyễn Văn Bình"));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("identity.stale_version", problem.GetProperty("code").GetString());
        var kept = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal("Nguyễn Văn An", kept.GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task Of_two_simultaneous_edits_of_one_version_exactly_one_wins()
    {
        using var citizen = await app.CitizenAsync("zalo-race");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            citizen.PatchAsJsonAsync("/api/identity/me", Profile(version: 0, fullName: $"Người Sửa {(char)('A' + i)}"))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var saved = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Bad_fields_get_one_Vietnamese_message_each_and_nothing_is_saved()
    {
        using var citizen = await app.CitizenAsync("zalo-invalid");

        var response = await citizen.PatchAsJsonAsync("/api/identity/me", new
        {
            fullName = "Nguyen <script>",
            dateOfBirth = "2999-01-01",
            citizenIdNumber = "12345",
            address = new string('a', 301),
            phoneNumber = "0123",
            version = 0,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation.failed", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Contains("chữ cái", errors.GetProperty("fullName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("tương lai", errors.GetProperty("dateOfBirth")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("12 chữ số", errors.GetProperty("citizenIdNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Địa chỉ", errors.GetProperty("address")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("10 chữ số", errors.GetProperty("phoneNumber")[0].GetString(), StringComparison.Ordinal);
        var unchanged = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal(0, unchanged.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_CCCD_number_that_contradicts_the_birth_year_is_refused()
    {
        using var citizen = await app.CitizenAsync("zalo-cccd-year");

        // Digits 4-6 "090" say born in 1990; the profile says 1985.
        var response = await citizen.PatchAsJsonAsync("/api/identity/me", Profile(version: 0, citizenId: "072090001234"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("năm sinh", problem.GetProperty("errors").GetProperty("citizenIdNumber")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_gets_a_400_problem_not_a_500()
    {
        using var citizen = await app.CitizenAsync("zalo-malformed");

        using var body = new StringContent("{\"fullName\": \"An\", \"version\": \"not a number\"", System.Text.Encoding.UTF8, "application/json");
        var response = await citizen.PatchAsync("/api/identity/me", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_patch_changes_only_the_fields_sent_and_null_clears_one()
    {
        using var citizen = await app.CitizenAsync("zalo-patch");
        (await citizen.PatchAsJsonAsync("/api/identity/me", Profile(version: 0))).EnsureSuccessStatusCode();

        // Only an address: issue 13 found PUT erasing the name, the CCCD and the phone here.
        var patched = await ApiAssert.OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { address = "5 Cách Mạng Tháng Tám", version = 1 }));

        Assert.Equal("5 Cách Mạng Tháng Tám", patched.GetProperty("address").GetString());
        Assert.Equal("Nguyễn Văn An", patched.GetProperty("fullName").GetString());
        Assert.Equal("072085001234", patched.GetProperty("citizenIdNumber").GetString());
        Assert.Equal("0912345678", patched.GetProperty("phoneNumber").GetString());
        Assert.Equal("1985-03-02", patched.GetProperty("dateOfBirth").GetString());

        var cleared = await ApiAssert.OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { address = (string?)null, version = 2 }));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("address").ValueKind);
        Assert.Equal("Nguyễn Văn An", cleared.GetProperty("fullName").GetString());
        Assert.Equal(3, cleared.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_edit_never_changes_or_wipes_a_phone_number_verified_through_Zalo()
    {
        var token = await app.ZaloAccessTokenAsync("zalo-patch-verified");
        using var anonymous = app.CreateClient();
        var minted = await anonymous.PostAsJsonAsync("/zalo-simulator/dev/phone-tokens", new { accessToken = token, number = "84987654322" });
        var phoneToken = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var citizen = app.CreateClient();
        citizen.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var verified = await ApiAssert.OkAsync(await citizen.PostAsJsonAsync("/api/identity/me/phone-number", new { token = phoneToken }));
        var version = verified.GetProperty("version").GetInt32();

        var kept = await ApiAssert.OkAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = "Trần Thị Bé", version }));
        await ApiAssert.ProblemAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { phoneNumber = (string?)null, version = version + 1 }),
            HttpStatusCode.UnprocessableEntity, "identity.verified_phone_number");
        await ApiAssert.ProblemAsync(await citizen.PatchAsJsonAsync("/api/identity/me", new { phoneNumber = "0911111111", version = version + 1 }),
            HttpStatusCode.UnprocessableEntity, "identity.verified_phone_number");

        Assert.Equal("0987654322", kept.GetProperty("phoneNumber").GetString());
        var profile = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.Equal("0987654322", profile.GetProperty("phoneNumber").GetString());
        Assert.True(profile.GetProperty("phoneNumberVerified").GetBoolean());
        Assert.Equal("Trần Thị Bé", profile.GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task The_phone_number_comes_from_Zalo_through_the_getPhoneNumber_token()
    {
        var token = await app.ZaloAccessTokenAsync("zalo-phone");
        using var anonymous = app.CreateClient();
        var minted = await anonymous.PostAsJsonAsync("/zalo-simulator/dev/phone-tokens", new { accessToken = token, number = "84987654321" });
        var phoneToken = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var citizen = app.CreateClient();
        citizen.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await citizen.PostAsJsonAsync("/api/identity/me/phone-number", new { token = phoneToken });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("0987654321", profile.GetProperty("phoneNumber").GetString());
        Assert.True(profile.GetProperty("phoneNumberVerified").GetBoolean());
        // A phone token is single-use, as Zalo's are.
        var reused = await citizen.PostAsJsonAsync("/api/identity/me/phone-number", new { token = phoneToken });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("identity.phone_token_refused", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_token_the_simulator_did_not_mint_is_refused_with_401()
    {
        using var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", "forged-token-0123456789");

        var response = await forged.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("auth.unauthenticated", problem.GetProperty("code").GetString());
        Assert.Equal("Chưa xác thực", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Without_a_token_the_profile_answers_401()
    {
        using var anonymous = app.CreateClient();

        var response = await anonymous.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_staff_token_does_not_open_citizen_endpoints()
    {
        using var officer = await app.StaffAsync("tuphap.lan");

        var response = await officer.GetAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_citizen_deletes_their_profile_and_comes_back_as_a_new_citizen()
    {
        using var citizen = await app.CitizenAsync("zalo-delete");
        (await citizen.PatchAsJsonAsync("/api/identity/me", Profile(version: 0))).EnsureSuccessStatusCode();
        var before = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");

        var deleted = await citizen.DeleteAsync("/api/identity/me");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me");
        Assert.NotEqual(before.GetProperty("id").GetGuid(), after.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("citizenIdNumber").ValueKind);
    }
}
