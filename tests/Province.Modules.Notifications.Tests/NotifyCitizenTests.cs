using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Province.Modules.Notifications.Contracts;
using Province.Testing;

namespace Province.Modules.Notifications.Tests;

/// <summary>Other modules notify a citizen through the Contracts request; a repeated source event notifies once.</summary>
public sealed class NotifyCitizenTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task The_same_source_event_puts_one_message_in_the_inbox()
    {
        using var citizen = await app.CitizenAsync("zalo-notify-contract");
        var citizenId = (await citizen.GetFromJsonAsync<JsonElement>("/api/identity/me")).GetProperty("id").GetGuid();
        var source = Guid.CreateVersion7();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new NotifyCitizen(citizenId, "Hồ sơ đã có kết quả", "Hồ sơ 000.00.12.H57-261122-0001 đã có kết quả.", source));
        }

        var inbox = await citizen.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.Equal(1, inbox.GetProperty("total").GetInt32());
        Assert.Equal("Hồ sơ đã có kết quả", inbox.GetProperty("items")[0].GetProperty("title").GetString());
    }
}
