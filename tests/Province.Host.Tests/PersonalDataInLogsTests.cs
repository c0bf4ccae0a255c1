using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>A host logging at Information, as production does, into a list the test reads.</summary>
public sealed class CapturedLogsApp : ProvinceApp
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingProvider(Lines)));
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The formatted message, every structured value and the exception: whatever a log collector would keep.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}

/// <summary>
/// Decree 13/2023: personal data (CCCD numbers, phone numbers, names, Zalo tokens) never reaches the logs,
/// on the happy path, on bad input, on refused tokens, or when the database refuses a command.
/// </summary>
public sealed class PersonalDataInLogsTests(CapturedLogsApp app) : IClassFixture<CapturedLogsApp>
{
    private const string CitizenIdNumber = "079190004567";
    private const string PhoneNumber = "0911222333";
    private const string FullName = "Trần Thị Bích Ngọc";
    private const string ForgedToken = "forged-secret-token-7f3a9c";

    [Fact]
    public async Task Citizen_journeys_and_refusals_leave_no_personal_data_in_the_logs()
    {
        var accessToken = await app.ZaloAccessTokenAsync("zalo-logs-privacy", FullName);
        using var citizen = app.CreateClient();
        citizen.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);

        var saved = await citizen.PatchAsJsonAsync("/api/identity/me", new
        {
            fullName = FullName, dateOfBirth = "1990-04-12", citizenIdNumber = CitizenIdNumber, phoneNumber = PhoneNumber,
            address = "12 Nguyễn Trãi, Phường Tân Ninh", version = 0,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        // Bad input that quotes the values back to the citizen, never to the logs.
        var refused = await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = FullName, citizenIdNumber = CitizenIdNumber + "9", version = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // A stale version: the database refuses the write (conflict), which is logged without the row's values.
        var stale = await citizen.PatchAsJsonAsync("/api/identity/me", new { fullName = FullName, citizenIdNumber = CitizenIdNumber, phoneNumber = PhoneNumber, version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // The phone number exchanged through Zalo's getPhoneNumber token.
        using var anonymous = app.CreateClient();
        var minted = await anonymous.PostAsJsonAsync("/zalo-simulator/dev/phone-tokens", new { accessToken, number = "84911222333" });
        var phoneToken = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsJsonAsync("/api/identity/me/phone-number", new { token = phoneToken })).StatusCode);

        // A token nobody minted.
        using var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", ForgedToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync(new Uri("/api/identity/me", UriKind.Relative))).StatusCode);

        var logs = string.Join('\n', app.Lines);
        // The capture works: the requests themselves were logged.
        Assert.Contains("/api/identity/me", logs, StringComparison.Ordinal);
        Assert.All(new[] { CitizenIdNumber, PhoneNumber, "911222333", FullName, accessToken, ForgedToken, phoneToken! },
            secret => Assert.False(logs.Contains(secret, StringComparison.Ordinal), $"The logs contain \"{secret}\":\n{Excerpt(logs, secret)}"));
    }

    private static string Excerpt(string logs, string secret) =>
        string.Join('\n', logs.Split('\n').Where(line => line.Contains(secret, StringComparison.Ordinal)).Take(5));
}
