using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Identity.Contracts;
using Province.Modules.Notifications.Contracts;
using Province.Testing;

namespace Province.Modules.Notifications.Tests;

/// <summary>
/// Another province takes Notifications alone: a host of this module, the province's own citizen sign-in, and its
/// own systems publishing the Contracts events (here from the test, as another module's relay would). Each event
/// reaches the citizen's inbox once.
/// </summary>
public sealed class NotificationsAloneTests
{
    [Fact]
    public async Task Notifications_runs_alone_and_events_and_requests_of_other_systems_reach_the_inbox_once()
    {
        await using var host = await ModuleAloneHost.StartAsync(new NotificationsModule(), services => services
            .AnswerWith((AuthenticateCitizen request) => StandIns.AuthenticateCitizen(request))
            // The province's own citizen register: the verified phone a Zalo message would go to (none here).
            .AnswerWith((GetCitizenProfile request) => (CitizenProfile?)new CitizenProfile(request.CitizenId, "Công dân thử", null, null, null, null, false)));
        var citizenId = Guid.NewGuid();
        var submitted = new DossierSubmitted(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Guid.NewGuid(), "000.30.01.H57-261202-0001",
            citizenId, Guid.NewGuid(), "1.001193", "Đăng ký khai sinh", new DateOnly(2026, 12, 7));

        // The same event delivered twice (a relay retrying after a crash) is one message.
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(submitted);
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new NotifyCitizen(citizenId, "Lịch hẹn đã được xác nhận", "Lịch hẹn lúc 14:00 ngày 02/12/2026 đã được xác nhận.", Guid.CreateVersion7()));
        }

        using var citizen = host.Citizen(citizenId);
        var inbox = await citizen.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.Equal(2, inbox.GetProperty("total").GetInt32());
        var titles = inbox.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("title").GetString()).ToList();
        Assert.Contains("Hồ sơ 000.30.01.H57-261202-0001 đã được gửi", titles);
        Assert.Contains("Lịch hẹn đã được xác nhận", titles);

        using var someoneElse = host.Citizen(Guid.NewGuid());
        Assert.Equal(0, (await someoneElse.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("total").GetInt32());
    }
}
