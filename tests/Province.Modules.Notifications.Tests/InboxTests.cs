using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Testing;

namespace Province.Modules.Notifications.Tests;

/// <summary>Issue 13: the inbox is marked read one by one or all at once, counts the unread, and links each message to its item.</summary>
public sealed class InboxTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task A_message_from_an_event_links_to_its_item_and_reading_it_lowers_the_unread_count()
    {
        using var citizen = await app.CitizenAsync("zalo-inbox-link");
        var citizenId = await CitizenIdAsync(citizen);
        var bookingId = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Publish(new AppointmentDecided(Guid.CreateVersion7(), DateTimeOffset.UtcNow, bookingId, "LH7K2M9Q", citizenId, true, null));
            await mediator.Send(new NotifyCitizen(citizenId, "Hồ sơ đã có kết quả", "Mời nhận kết quả.", Guid.CreateVersion7(), NotificationItemKinds.Dossier, Guid.CreateVersion7()));
        }

        var inbox = await ApiAssert.OkAsync(await citizen.GetAsync("/api/notifications"));
        Assert.Equal(2, inbox.GetProperty("total").GetInt32());
        Assert.Equal(2, inbox.GetProperty("unreadCount").GetInt32());
        var booking = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("itemKind").GetString() == "booking");
        Assert.Equal(bookingId, booking.GetProperty("itemId").GetGuid());
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("itemKind").GetString() == "dossier");

        var read = await ApiAssert.OkAsync(await citizen.PostAsync($"/api/notifications/{booking.GetProperty("id").GetGuid()}/read", null));

        Assert.True(read.GetProperty("read").GetBoolean());
        Assert.Equal("booking", read.GetProperty("itemKind").GetString());
        Assert.EndsWith("+07:00", read.GetProperty("readAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await ApiAssert.OkAsync(await citizen.GetAsync("/api/notifications/unread-count"))).GetProperty("unreadCount").GetInt32());
        var unreadOnly = await ApiAssert.OkAsync(await citizen.GetAsync("/api/notifications?unread=true"));
        Assert.Equal("dossier", Assert.Single(unreadOnly.GetProperty("items").EnumerateArray()).GetProperty("itemKind").GetString());
    }

    [Fact]
    public async Task Read_all_marks_every_message_of_mine_and_none_of_another_citizens()
    {
        using var me = await app.CitizenAsync("zalo-inbox-all-me");
        using var other = await app.CitizenAsync("zalo-inbox-all-other");
        await NotifyAsync(await CitizenIdAsync(me), 3);
        await NotifyAsync(await CitizenIdAsync(other), 2);

        var answer = await ApiAssert.OkAsync(await me.PostAsync("/api/notifications/read-all", null));

        Assert.Equal(3, answer.GetProperty("marked").GetInt32());
        Assert.Equal(0, (await ApiAssert.OkAsync(await me.GetAsync("/api/notifications"))).GetProperty("unreadCount").GetInt32());
        Assert.Equal(2, (await ApiAssert.OkAsync(await other.GetAsync("/api/notifications"))).GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task Another_citizen_cannot_mark_my_message_read()
    {
        using var me = await app.CitizenAsync("zalo-inbox-owner");
        using var other = await app.CitizenAsync("zalo-inbox-intruder");
        await NotifyAsync(await CitizenIdAsync(me), 1);
        var mine = (await ApiAssert.OkAsync(await me.GetAsync("/api/notifications"))).GetProperty("items")[0].GetProperty("id").GetGuid();

        await ApiAssert.ProblemAsync(await other.PostAsync($"/api/notifications/{mine}/read", null), HttpStatusCode.NotFound, "notifications.not_found");

        Assert.Equal(1, (await ApiAssert.OkAsync(await me.GetAsync("/api/notifications/unread-count"))).GetProperty("unreadCount").GetInt32());
    }

    private static async Task<Guid> CitizenIdAsync(HttpClient citizen) =>
        (await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("id").GetGuid();

    private async Task NotifyAsync(Guid citizenId, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        for (var i = 0; i < count; i++)
        {
            await mediator.Send(new NotifyCitizen(citizenId, $"Thông báo {i + 1}", "Nội dung.", Guid.CreateVersion7()));
        }
    }
}
