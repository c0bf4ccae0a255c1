using System.Net.Http.Json;
using System.Text.Json;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.FieldReports.Contracts;
using Province.Testing;

namespace Province.Modules.Notifications.Tests;

/// <summary>
/// Zalo template messages (issue 19) against the host's Zalo simulator, which speaks ZNS and Zalo's OAuth: each event
/// kind one ZNS call with its template data, consent and quiet hours respected, transient failures retried until
/// delivered once, refusals given up with their reason, the OA token refreshed when Zalo refuses it.
/// </summary>
public sealed class ZaloMessageTests(ZaloMessagesApp app) : IClassFixture<ZaloMessagesApp>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Each_event_kind_sends_one_ZNS_message_with_its_template_data()
    {
        var (citizen, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-every-kind", "84900000101");
        var startsAt = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(7));
        var events = new Province.BuildingBlocks.Messaging.IIntegrationEvent[]
        {
            StatusChanged(citizenId, "HS-0001", 2, "Đã được tiếp nhận"),
            StatusChanged(citizenId, "HS-0001", 5, "Yêu cầu bổ sung giấy tờ"),
            StatusChanged(citizenId, "HS-0001", 6, "Yêu cầu thực hiện nghĩa vụ tài chính"),
            StatusChanged(citizenId, "HS-0001", 9, "Đã xử lý xong"),
            new DossierApologyIssued(Guid.CreateVersion7(), Now, Guid.CreateVersion7(), "HS-0001", citizenId, new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 9), "Xin lỗi ông/bà..."),
            new FieldReportAnswered(Guid.CreateVersion7(), Now, Guid.CreateVersion7(), "PA-0001", citizenId, true, "Đã vá ổ gà."),
            new AppointmentBooked(Guid.CreateVersion7(), Now, Guid.CreateVersion7(), "LH-0001", citizenId, Guid.CreateVersion7(), "Trung tâm PVHCC", "Hộ tịch", startsAt, true),
            new AppointmentReminderDue(Guid.CreateVersion7(), Now, Guid.CreateVersion7(), "LH-0001", citizenId, "Trung tâm PVHCC", "Hộ tịch", startsAt),
            new QueueTicketNearlyCalled(Guid.CreateVersion7(), Now, Guid.CreateVersion7(), "A015", citizenId, "Trung tâm PVHCC", 2),
        };
        foreach (var integrationEvent in events)
        {
            await app.PublishAsync(integrationEvent);
        }

        var received = await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000101"), messages => messages.Count >= events.Length, waitingFor: "one ZNS call per event kind");
        Assert.NotNull(received);
        // A little longer: a second call for any of them would show up now.
        await Task.Delay(500);
        received = await app.ZnsMessagesToAsync("84900000101");

        Assert.Equal(ZaloMessagesApp.Kinds.Select(kind => "tpl-" + kind).Order(), received.Select(m => m.GetProperty("template_id").GetString()!).Order());
        Assert.Equal(received.Count, received.Select(m => m.GetProperty("tracking_id").GetString()).Distinct().Count());
        var resultReady = received.Single(m => m.GetProperty("template_id").GetString() == "tpl-resultReady").GetProperty("template_data");
        Assert.Equal("HS-0001", resultReady.GetProperty("ma").GetString());
        Assert.Equal("Đã xử lý xong", resultReady.GetProperty("trang_thai").GetString());
        var booking = received.Single(m => m.GetProperty("template_id").GetString() == "tpl-bookingConfirmed").GetProperty("template_data");
        Assert.Equal("03/12/2026", booking.GetProperty("ngay").GetString());
        var apology = received.Single(m => m.GetProperty("template_id").GetString() == "tpl-overdueApology").GetProperty("template_data");
        Assert.Equal("09/12/2026", apology.GetProperty("ngay").GetString());
        Assert.Equal("A015", received.Single(m => m.GetProperty("template_id").GetString() == "tpl-numberNear").GetProperty("template_data").GetProperty("so").GetString());

        // The inbox has every one of them too, and the message about the phone number's verification, which comes from
        // Identity through its outbox, on its own time.
        await Eventually.GetAsync(
            () => citizen.GetFromJsonAsync<JsonElement>("/api/notifications?pageSize=50"),
            inbox => inbox.GetProperty("total").GetInt32() == events.Length + 1,
            waitingFor: $"{events.Length + 1} inbox entries");
    }

    [Fact]
    public async Task The_same_event_delivered_twice_sends_one_message()
    {
        var (_, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-twice", "84900000102");
        var result = StatusChanged(citizenId, "HS-0002", 9, "Đã xử lý xong");

        await app.PublishAsync(result);
        await app.PublishAsync(result);

        await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000102"), messages => messages.Count >= 1, waitingFor: "the ZNS call");
        await Task.Delay(1000);
        Assert.Single(await app.ZnsMessagesToAsync("84900000102"));
    }

    [Fact]
    public async Task A_kind_the_citizen_did_not_choose_stays_in_the_inbox_only()
    {
        var (citizen, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-consent", "84900000103", kinds: ["resultReady"]);

        await app.PublishAsync(StatusChanged(citizenId, "HS-0003", 5, "Yêu cầu bổ sung giấy tờ"));
        await app.PublishAsync(StatusChanged(citizenId, "HS-0003", 9, "Đã xử lý xong"));

        var received = await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000103"), messages => messages.Count >= 1, waitingFor: "the chosen kind's message");
        var skipped = await Eventually.GetAsync(
            () => app.ZaloMessagesAsync("skipped"),
            page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("code").GetString() == "HS-0003"),
            waitingFor: "the unchosen kind recorded as skipped");
        await Task.Delay(500);

        Assert.Equal("tpl-resultReady", Assert.Single(await app.ZnsMessagesToAsync("84900000103")).GetProperty("template_id").GetString());
        Assert.Contains("chưa chọn", skipped.GetProperty("items").EnumerateArray().First(m => m.GetProperty("code").GetString() == "HS-0003").GetProperty("reason").GetString());
        var inbox = await citizen.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.Equal(2, inbox.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("title").GetString()!.Contains("HS-0003", StringComparison.Ordinal)));
        Assert.NotNull(received);
    }

    [Fact]
    public async Task Zalo_down_then_up_delivers_the_message_once()
    {
        var (_, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-down", "84900000104");
        await app.FailNextZnsCallsAsync("unavailable", count: 2);

        await app.PublishAsync(StatusChanged(citizenId, "HS-0004", 9, "Đã xử lý xong"));
        var deferred = await Eventually.GetAsync(
            () => app.ZaloMessagesAsync("deferred"),
            page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("code").GetString() == "HS-0004"),
            waitingFor: "the message deferred after Zalo answered 503");
        Assert.Contains("503", deferred.GetProperty("items").EnumerateArray().First(m => m.GetProperty("code").GetString() == "HS-0004").GetProperty("reason").GetString());
        Assert.Empty(await app.ZnsMessagesToAsync("84900000104"));

        // The backoff (30 s, then 1 min) passes on the host's clock; the second attempt fails too, the third goes through.
        for (var i = 0; i < 3 && (await app.ZnsMessagesToAsync("84900000104")).Count == 0; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            await Task.Delay(700);
        }

        await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000104"), messages => messages.Count >= 1, waitingFor: "delivery once Zalo is back");
        await Task.Delay(500);
        Assert.Single(await app.ZnsMessagesToAsync("84900000104"));
    }

    [Fact]
    public async Task A_number_Zalo_refuses_is_given_up_with_the_reason()
    {
        var (citizen, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-refused", "84900000105");
        await app.FailNextZnsCallsAsync("error", count: 1, error: -108);

        await app.PublishAsync(StatusChanged(citizenId, "HS-0005", 9, "Đã xử lý xong"));
        await Eventually.GetAsync(() => citizen.GetFromJsonAsync<JsonElement>("/api/notifications"), inbox => inbox.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("title").GetString()!.Contains("HS-0005", StringComparison.Ordinal)), waitingFor: "the inbox entry");
        await Eventually.GetAsync(
            () => app.ZaloMessagesAsync(null),
            page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("code").GetString() == "HS-0005" && m.GetProperty("status").GetString() == "failed"),
            waitingFor: "the refused message given up");

        var failed = await Eventually.GetAsync(
            () => app.ZaloMessagesAsync("failed"),
            page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("code").GetString() == "HS-0005"),
            waitingFor: "the refused message given up");
        var message = failed.GetProperty("items").EnumerateArray().First(m => m.GetProperty("code").GetString() == "HS-0005");
        Assert.Equal("Số điện thoại không hợp lệ (Simulated failure)", message.GetProperty("reason").GetString());
        Assert.Equal(1, message.GetProperty("attempts").GetInt32());

        // The citizen's inbox entry says the Zalo message did not go out.
        var inbox = await citizen.GetFromJsonAsync<JsonElement>("/api/notifications");
        var entry = inbox.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("title").GetString()!.Contains("HS-0005", StringComparison.Ordinal));
        Assert.Equal("failed", entry.GetProperty("zaloMessage").GetProperty("status").GetString());
        Assert.Equal("Gửi không thành công", entry.GetProperty("zaloMessage").GetProperty("statusText").GetString());
    }

    [Fact]
    public async Task An_administrator_sends_a_failed_message_again_once_and_it_is_delivered()
    {
        var (_, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-resend", "84900000109");
        await app.FailNextZnsCallsAsync("error", count: 1, error: -108);
        await app.PublishAsync(StatusChanged(citizenId, "HS-0009", 9, "Đã xử lý xong"));
        var failed = await Eventually.GetAsync(
            () => app.ZaloMessagesAsync("failed"),
            page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("code").GetString() == "HS-0009"),
            waitingFor: "the refused message given up");
        var message = failed.GetProperty("items").EnumerateArray().First(m => m.GetProperty("code").GetString() == "HS-0009");
        Assert.Equal(["resend"], message.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray());
        var id = message.GetProperty("id").GetGuid();

        using var admin = await app.StaffAsync("quantri");
        // Two clicks at once: one resend, the other refused.
        var answers = await Task.WhenAll(
            admin.PostAsync($"/api/staff/notifications/zalo-messages/{id}/resend", null),
            admin.PostAsync($"/api/staff/notifications/zalo-messages/{id}/resend", null));
        Assert.Single(answers, a => a.StatusCode == System.Net.HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == System.Net.HttpStatusCode.Conflict);
        var resent = await ApiAssert.OkAsync(answers.Single(a => a.IsSuccessStatusCode));
        Assert.Equal(1, resent.GetProperty("resends").GetInt32());
        Assert.Empty(resent.GetProperty("allowedActions").EnumerateArray());

        await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000109"), messages => messages.Count >= 1, waitingFor: "the message sent again");
        var sent = await Eventually.GetAsync(
            () => app.ZaloMessagesAsync("sent"),
            page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("id").GetGuid() == id),
            waitingFor: "the resent message marked sent");
        Assert.Equal(1, sent.GetProperty("items").EnumerateArray().First(m => m.GetProperty("id").GetGuid() == id).GetProperty("resends").GetInt32());
        await Task.Delay(500);
        Assert.Single(await app.ZnsMessagesToAsync("84900000109"));

        // A sent message is not sent again: 409 with a reason.
        using var again = await admin.PostAsync($"/api/staff/notifications/zalo-messages/{id}/resend", null);
        await ApiAssert.ProblemAsync(again, System.Net.HttpStatusCode.Conflict, "zalo_message.not_resendable");
    }

    [Fact]
    public async Task A_revoked_OA_token_is_refreshed_and_the_message_sent()
    {
        var (_, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-revoked", "84900000106");
        await app.PublishAsync(StatusChanged(citizenId, "HS-0006", 2, "Đã được tiếp nhận"));
        await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000106"), messages => messages.Count == 1, waitingFor: "the first message");
        using (var anonymous = app.CreateClient())
        {
            (await anonymous.PostAsync("/zalo-simulator/dev/oa/revocation", null)).EnsureSuccessStatusCode();
        }

        await app.PublishAsync(StatusChanged(citizenId, "HS-0006", 9, "Đã xử lý xong"));
        // Zalo answers -124 once; the sender refreshes the token and tries again after its backoff.
        for (var i = 0; i < 3 && (await app.ZnsMessagesToAsync("84900000106")).Count < 2; i++)
        {
            await Task.Delay(700);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var received = await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000106"), messages => messages.Count == 2, waitingFor: "the second message with a new token");
        Assert.Equal(2, received.Select(m => m.GetProperty("tracking_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Quiet_hours_hold_other_kinds_until_morning_while_the_number_near_goes_at_once()
    {
        var (_, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-quiet", "84900000107", quietHours: true);
        app.Clock.Set(new DateTime(2026, 12, 7, 22, 30, 0));
        try
        {
            await app.PublishAsync(StatusChanged(citizenId, "HS-0007", 9, "Đã xử lý xong"));
            await app.PublishAsync(new QueueTicketNearlyCalled(Guid.CreateVersion7(), Now, Guid.CreateVersion7(), "B007", citizenId, "UBND phường Tân Ninh", 1));

            var urgent = await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000107"), messages => messages.Count >= 1, waitingFor: "the urgent message at night");
            await Eventually.GetAsync(
                () => app.ZaloMessagesAsync("deferred"),
                page => page.GetProperty("items").EnumerateArray().Any(m => m.GetProperty("code").GetString() == "HS-0007"),
                waitingFor: "the result message held for the morning");
            Assert.Equal("tpl-numberNear", Assert.Single(urgent).GetProperty("template_id").GetString());

            app.Clock.Set(new DateTime(2026, 12, 8, 7, 0, 1));
            var morning = await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000107"), messages => messages.Count >= 2, waitingFor: "the held message in the morning");
            Assert.Contains(morning, m => m.GetProperty("template_id").GetString() == "tpl-resultReady");
        }
        finally
        {
            app.Clock.Set(DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7), DateTimeKind.Unspecified));
        }
    }

    private static DossierStatusChanged StatusChanged(Guid citizenId, string code, int toStatus, string statusText) =>
        new(Guid.CreateVersion7(), Now, Guid.CreateVersion7(), code, citizenId, Guid.CreateVersion7(), toStatus - 1, toStatus, statusText, $"Hồ sơ {code}: {statusText}.");
}

/// <summary>The day's ZNS quota: what does not fit waits for the next day, urgent kinds first, nothing dropped.</summary>
public sealed class ZaloQuotaTests(SmallQuotaZaloMessagesApp app) : IClassFixture<SmallQuotaZaloMessagesApp>
{
    [Fact]
    public async Task Messages_beyond_the_daily_quota_wait_for_the_next_day_and_are_then_sent()
    {
        var (_, citizenId) = await app.CitizenWithZaloMessagesAsync("zalo-zns-quota", "84900000201", quietHours: false);
        app.Clock.Set(new DateTime(2026, 12, 9, 10, 0, 0));
        for (var i = 1; i <= 5; i++)
        {
            await app.PublishAsync(new DossierStatusChanged(
                Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.CreateVersion7(), $"HS-Q{i}", citizenId, Guid.CreateVersion7(), 8, 9, "Đã xử lý xong", "Đã xử lý xong."));
        }

        await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000201"), messages => messages.Count >= 3, waitingFor: "the day's three messages");
        var deferred = await Eventually.GetAsync(
            () => app.ZaloMessagesAsync("deferred"),
            page => page.GetProperty("total").GetInt32() >= 2,
            waitingFor: "two messages waiting for tomorrow's quota");
        await Task.Delay(500);
        Assert.Equal(3, (await app.ZnsMessagesToAsync("84900000201")).Count);
        Assert.All(deferred.GetProperty("items").EnumerateArray(), m => Assert.Contains("hạn mức", m.GetProperty("reason").GetString(), StringComparison.Ordinal));

        app.Clock.Set(new DateTime(2026, 12, 10, 7, 0, 1));
        var all = await Eventually.GetAsync(() => app.ZnsMessagesToAsync("84900000201"), messages => messages.Count >= 5, waitingFor: "the waiting messages sent the next day");
        Assert.Equal(5, all.Select(m => m.GetProperty("tracking_id").GetString()).Distinct().Count());
    }
}
