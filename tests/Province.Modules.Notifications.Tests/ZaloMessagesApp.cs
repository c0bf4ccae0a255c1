using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Messaging;
using Province.Testing;

namespace Province.Modules.Notifications.Tests;

/// <summary>Province with Zalo messages on, every kind mapped to a template of the host's Zalo simulator.</summary>
public class ZaloMessagesApp : ProvinceApp
{
    public static readonly string[] Kinds =
        ["dossierReceived", "supplementNeeded", "feeRequested", "resultReady", "overdueApology", "reportAnswered", "bookingConfirmed", "bookingReminder", "numberNear"];

    protected virtual int DailyQuota => 1000;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Notifications:Zalo:Enabled"] = "true",
                ["Notifications:Zalo:ZnsBaseUrl"] = "/zalo-simulator/business",
                ["Notifications:Zalo:OAuthBaseUrl"] = "/zalo-simulator/oauth",
                ["Notifications:Zalo:AppId"] = "province-test",
                ["Notifications:Zalo:AppSecret"] = "test-app-secret",
                ["Notifications:Zalo:InitialRefreshToken"] = "simulator-oa-initial-refresh-token",
                ["Notifications:Zalo:SendInterval"] = "00:00:00.100",
                ["Notifications:Zalo:DailyQuota"] = DailyQuota.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Notifications:Zalo:UrgentReserve"] = "0",
                ["Notifications:Zalo:Resilience:AttemptTimeout"] = "00:00:02",
            };
            foreach (var kind in Kinds)
            {
                settings[$"Notifications:Zalo:Templates:{kind}:TemplateId"] = "tpl-" + kind;
                settings[$"Notifications:Zalo:Templates:{kind}:Parameters:ma"] = "code";
                settings[$"Notifications:Zalo:Templates:{kind}:Parameters:trang_thai"] = "status";
                settings[$"Notifications:Zalo:Templates:{kind}:Parameters:ngay"] = "date";
                settings[$"Notifications:Zalo:Templates:{kind}:Parameters:so"] = "number";
            }

            return settings;
        }
    }

    /// <summary>
    /// A citizen with a phone number verified through Zalo, who chose <paramref name="kinds"/> (all when null); quiet hours
    /// off unless asked, so a test does not depend on the hour it runs at.
    /// </summary>
    public async Task<(HttpClient Client, Guid CitizenId)> CitizenWithZaloMessagesAsync(string zaloUserId, string phone, string[]? kinds = null, bool quietHours = false)
    {
        var token = await ZaloAccessTokenAsync(zaloUserId);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var anonymous = CreateClient();
        var minted = await anonymous.PostAsJsonAsync("/zalo-simulator/dev/phone-tokens", new { accessToken = token, number = phone });
        var phoneToken = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        (await client.PostAsJsonAsync("/api/identity/me/phone-number", new { token = phoneToken })).EnsureSuccessStatusCode();
        var saved = await client.PutAsJsonAsync("/api/notifications/zalo-preferences", new
        {
            kinds = kinds ?? Kinds,
            quietHours,
            notificationsAllowedInZalo = true,
            followsOfficialAccount = true,
        });
        saved.EnsureSuccessStatusCode();
        var citizenId = (await client.GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("id").GetGuid();
        return (client, citizenId);
    }

    /// <summary>Delivers a module's integration event to its consumers, as the outbox relay does.</summary>
    public async Task PublishAsync(IIntegrationEvent integrationEvent)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(integrationEvent);
    }

    /// <summary>What the Zalo simulator received for <paramref name="phone"/> (every call, duplicates included).</summary>
    public async Task<ReceivedMessages> ZnsMessagesToAsync(string phone)
    {
        using var anonymous = CreateClient();
        var all = await anonymous.GetFromJsonAsync<JsonElement>("/zalo-simulator/dev/messages");
        return new ReceivedMessages(all.EnumerateArray().Where(m => m.GetProperty("phone").GetString() == phone));
    }

    public async Task FailNextZnsCallsAsync(string mode, int count, int error = -100, int delayMs = 0)
    {
        using var anonymous = CreateClient();
        (await anonymous.PostAsJsonAsync("/zalo-simulator/dev/zns/failures", new { mode, count, error, delayMs })).EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> ZaloMessagesAsync(string? status)
    {
        using var admin = await StaffAsync("quantri");
        return await admin.GetFromJsonAsync<JsonElement>($"/api/staff/notifications/zalo-messages?pageSize=100" + (status is null ? "" : "&status=" + status));
    }
}

/// <summary>Messages the simulator received, written out whole when a wait on them fails.</summary>
public sealed class ReceivedMessages(IEnumerable<JsonElement> messages) : List<JsonElement>(messages)
{
    public override string ToString() => "[" + string.Join(", ", this.Select(m => m.GetRawText())) + "]";
}

/// <summary>A province whose ZNS package allows three messages a day.</summary>
public sealed class SmallQuotaZaloMessagesApp : ZaloMessagesApp
{
    protected override int DailyQuota => 3;
}
