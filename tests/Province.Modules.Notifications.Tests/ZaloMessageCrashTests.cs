using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Modules.Notifications.Tests;

/// <summary>
/// A host killed (SIGKILL) while a Zalo message is on its way: Zalo already has it, the answer never comes back. The
/// restarted host must not send it again (ZNS cannot be asked about a tracking id): the Zalo simulator, in this test's
/// own process so it outlives the kill, counts one message, and the message is recorded as uncertain.
/// </summary>
public sealed class ZaloMessageCrashTests(ZaloMessagesApp zalo) : IClassFixture<ZaloMessagesApp>
{
    [Fact]
    public async Task A_kill_while_sending_duplicates_nothing_Zalo_counts()
    {
        const string Phone = "84900000301";
        var database = await PostgresDatabase.CreateAsync();
        var keys = Directory.CreateTempSubdirectory("province-zns-keys-").FullName;
        var zaloAddress = zalo.CreateClient().BaseAddress!.ToString().TrimEnd('/');
        var host = new HostProcess(new Dictionary<string, string>
        {
            ["ConnectionStrings__Province"] = database.ConnectionString,
            ["Files__Directory"] = Path.Combine(keys, "files"),
            // The OA token is encrypted at rest: the restarted host must read what the killed one stored.
            ["DataProtection__KeysDirectory"] = keys,
            ["Notifications__Zalo__Enabled"] = "true",
            ["Notifications__Zalo__ZnsBaseUrl"] = zaloAddress + "/zalo-simulator/business",
            ["Notifications__Zalo__OAuthBaseUrl"] = zaloAddress + "/zalo-simulator/oauth",
            ["Notifications__Zalo__AppId"] = "province-test",
            ["Notifications__Zalo__AppSecret"] = "test-app-secret",
            ["Notifications__Zalo__InitialRefreshToken"] = "simulator-oa-initial-refresh-token",
            ["Notifications__Zalo__SendInterval"] = "00:00:00.200",
            ["Notifications__Zalo__InterruptedSendTimeout"] = "00:00:02",
            ["Notifications__Zalo__Resilience__AttemptTimeout"] = "00:00:30",
            ["Notifications__Zalo__Resilience__TotalTimeout"] = "00:00:40",
            ["Notifications__Zalo__Templates__dossierReceived__TemplateId"] = "tpl-dossierReceived",
            ["Notifications__Zalo__Templates__dossierReceived__Parameters__ma"] = "code",
        });
        try
        {
            await host.StartAsync();
            using var citizen = await SignedInCitizenWithPhoneAsync(host, "zalo-zns-crash", Phone);
            (await citizen.PutAsJsonAsync("/api/notifications/zalo-preferences", new { kinds = new[] { "dossierReceived" }, quietHours = false, notificationsAllowedInZalo = true, followsOfficialAccount = false }))
                .EnsureSuccessStatusCode();
            var body = await TestDossiers.BirthRegistrationBodyAsync(citizen, await TestDossiers.MandatoryDocumentKeysAsync(host.CreateClient()));
            using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(body) };
            submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var submitted = await (await citizen.SendAsync(submit)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

            // Zalo will take the message and answer only after 20 s: the host dies before the answer.
            await zalo.FailNextZnsCallsAsync("slow", count: 1, delayMs: 20_000);
            using var officer = await StaffAsync(host, "tanninh.mai");
            var dossierId = submitted.GetProperty("dossierId").GetGuid();
            var version = (await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{dossierId}")).GetProperty("version").GetInt32();
            (await officer.PostAsJsonAsync($"/api/staff/dossiers/{dossierId}/accept", new { version, note = "Đủ hồ sơ" })).EnsureSuccessStatusCode();
            await Eventually.GetAsync(() => zalo.ZnsMessagesToAsync(Phone), messages => messages.Count == 1, waitingFor: "Zalo receiving the message");

            await host.KillAsync();
            await host.StartAsync();

            using var admin = await StaffAsync(host, "quantri");
            var uncertain = await Eventually.GetAsync(
                () => admin.GetFromJsonAsync<JsonElement>("/api/staff/notifications/zalo-messages?status=uncertain"),
                page => page.GetProperty("total").GetInt32() == 1,
                waitingFor: "the interrupted message recorded as uncertain after the restart");
            Assert.Contains("không gửi lại", uncertain.GetProperty("items")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
            // Several of the restarted host's send scans later, Zalo still has exactly one.
            await Task.Delay(2000);
            Assert.Single(await zalo.ZnsMessagesToAsync(Phone));
        }
        finally
        {
            await host.DisposeAsync();
            await database.DisposeAsync();
            Directory.Delete(keys, recursive: true);
        }
    }

    private static async Task<HttpClient> SignedInCitizenWithPhoneAsync(HostProcess host, string zaloUserId, string phone)
    {
        using var anonymous = host.CreateClient();
        var token = (await (await anonymous.PostAsJsonAsync("/zalo-simulator/dev/access-tokens", new { userId = zaloUserId })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("accessToken").GetString();
        var phoneToken = (await (await anonymous.PostAsJsonAsync("/zalo-simulator/dev/phone-tokens", new { accessToken = token, number = phone })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("token").GetString();
        var citizen = host.CreateClient();
        citizen.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await citizen.PostAsJsonAsync("/api/identity/me/phone-number", new { token = phoneToken })).EnsureSuccessStatusCode();
        return citizen;
    }

    private static async Task<HttpClient> StaffAsync(HostProcess host, string userName)
    {
        var client = host.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/staff/identity/sign-in", new { userName, password = ProvinceApp.DemoPassword });
        signIn.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }
}
