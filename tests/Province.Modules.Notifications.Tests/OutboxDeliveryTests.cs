using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Province.Modules.Identity.Contracts;
using Province.Testing;

namespace Province.Modules.Notifications.Tests;

/// <summary>
/// The pipe end to end: Identity stores CitizenProfileUpdated in the profile's transaction; its store's
/// relay publishes it; Notifications' handler takes effect exactly once, however often it is delivered.
/// </summary>
public sealed class OutboxDeliveryTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private static object Profile(string fullName, int version) => new { fullName, version };

    [Fact]
    public async Task Updating_the_profile_puts_exactly_one_message_in_the_citizens_inbox()
    {
        using var citizen = await app.CitizenAsync("zalo-outbox-once");
        (await citizen.PatchAsJsonAsync("/api/identity/me", Profile("Lê Thị Hoa", 0))).EnsureSuccessStatusCode();

        var inbox = await Eventually.GetAsync(() => Inbox(citizen), i => i.GetProperty("total").GetInt32() > 0);

        Assert.Equal(1, inbox.GetProperty("total").GetInt32());
        var message = inbox.GetProperty("items")[0];
        Assert.Equal("Thông tin cá nhân đã được cập nhật", message.GetProperty("title").GetString());
        Assert.Contains("họ và tên", message.GetProperty("body").GetString(), StringComparison.Ordinal);
        // The message names what changed, never the values (personal data).
        Assert.DoesNotContain("Hoa", message.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_delivered_again_after_a_crash_does_not_notify_twice()
    {
        using var citizen = await app.CitizenAsync("zalo-outbox-redelivery");
        (await citizen.PatchAsJsonAsync("/api/identity/me", Profile("Lê Văn Tám", 0))).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => Inbox(citizen), i => i.GetProperty("total").GetInt32() > 0);
        var citizenId = (await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("id").GetGuid();

        // What a crash between "published" and "checkpoint saved" causes: the relay hands the same event to
        // its consumers again. The event's id is the inbox message's source.
        var eventId = Guid.Parse(await Text(
            """SELECT data ->> 'sourceEventId' FROM notifications.mt_doc_citizennotification WHERE (data ->> 'citizenId') = @citizen""", citizenId));
        var mediator = app.Services.GetRequiredService<IMediator>();
        await mediator.Publish(new CitizenProfileUpdated(eventId, DateTimeOffset.UtcNow, citizenId, ["fullName"]));
        await mediator.Publish(new CitizenProfileUpdated(eventId, DateTimeOffset.UtcNow, citizenId, ["fullName"]));

        var inbox = await Inbox(citizen);
        Assert.Equal(1, inbox.GetProperty("total").GetInt32());
        Assert.Equal(1, await Scalar("""SELECT count(*) FROM notifications.mt_doc_processedmessage WHERE (data ->> 'messageId') = @citizen""", eventId));
    }

    [Fact]
    public async Task Deleting_the_profile_erases_the_citizens_inbox()
    {
        using var citizen = await app.CitizenAsync("zalo-outbox-erase");
        (await citizen.PatchAsJsonAsync("/api/identity/me", Profile("Đỗ Văn Khoa", 0))).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => Inbox(citizen), i => i.GetProperty("total").GetInt32() > 0);
        var citizenId = (await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("id").GetGuid();
        const string Messages = """SELECT count(*) FROM notifications.mt_doc_citizennotification WHERE citizen_id = @citizen::uuid""";
        // The query sees the message before the deletion (else "0 left" would prove nothing).
        Assert.True(await Scalar(Messages, citizenId) > 0);

        (await citizen.DeleteAsync("/api/identity/me")).EnsureSuccessStatusCode();

        await Eventually.GetAsync(() => Scalar(Messages, citizenId), count => count == 0, waitingFor: "the inbox to be erased");
    }

    [Fact]
    public async Task A_citizen_sees_only_their_own_notifications()
    {
        using var first = await app.CitizenAsync("zalo-inbox-first");
        using var second = await app.CitizenAsync("zalo-inbox-second");
        (await first.PatchAsJsonAsync("/api/identity/me", Profile("Mai Văn Một", 0))).EnsureSuccessStatusCode();
        await Eventually.GetAsync(() => Inbox(first), i => i.GetProperty("total").GetInt32() > 0);

        var others = await Inbox(second);

        Assert.Equal(0, others.GetProperty("total").GetInt32());
    }

    private static Task<JsonElement> Inbox(HttpClient citizen) => citizen.GetFromJsonAsync<JsonElement>("/api/notifications");

    private Task<string> Text(string sql, Guid citizenId) => WithCommand(sql, citizenId, async command => (string)(await command.ExecuteScalarAsync())!);

    private Task<long> Scalar(string sql, Guid citizenId) => WithCommand(sql, citizenId, async command => (long)(await command.ExecuteScalarAsync())!);

    private async Task<T> WithCommand<T>(string sql, Guid citizenId, Func<NpgsqlCommand, Task<T>> run)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("citizen", citizenId.ToString());
        return await run(command);
    }
}
