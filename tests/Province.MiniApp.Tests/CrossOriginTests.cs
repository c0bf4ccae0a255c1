using System.Diagnostics;

namespace Province.MiniApp.Tests;

/// <summary>
/// The app as Zalo hosts it: from another origin than the API (here a tiny static server on localhost, as Zalo's
/// CDN is https://h5.zdn.vn). A real browser enforces CORS: public reads, signed calls with their preflight
/// (Authorization, Idempotency-Key) and the server-sent event stream must all be allowed for the app's origin.
/// </summary>
[Collection(MiniAppCollection.Name)]
public sealed class CrossOriginTests(MiniAppFixture fixture)
{
    [Fact]
    public async Task The_app_served_from_another_origin_reads_signs_in_creates_and_follows_the_live_stream()
    {
        using var server = StartStaticServer(MiniAppHost.OtherOriginPort);
        var user = "zalo-" + Guid.NewGuid().ToString("N")[..12];
        using var administrator = await fixture.StaffAsync("quantri");
        var office = await StaffActions.PostAsync(administrator, "/api/staff/appointments/offices", new
        {
            agencyId = MiniAppFixture.TanNinhWard,
            name = $"Một cửa liên miền {Guid.NewGuid():N}"[..30],
            address = "Đường Võ Văn Truyện, phường Tân Ninh",
            requiresApproval = false,
            bookingHorizonDays = 14,
            changeCutoffHours = 2,
            openingHours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString().ToLowerInvariant(), opens = "07:00:00", closes = "17:00:00" }),
            serviceGroups = new[] { new { code = "HT", name = "Hộ tịch", field = "Hộ tịch", defaultServiceMinutes = 10 } },
            counters = new[] { new { number = 1, name = "Quầy 1", serviceGroupCodes = new[] { "HT" } } },
        });

        var appOrigin = $"http://localhost:{MiniAppHost.OtherOriginPort}";
        await using var phone = await fixture.PhoneAsync(user, "Võ Thị Em", path: "?api=" + Uri.EscapeDataString(fixture.Origin), configure: o => o.BaseURL = appOrigin);
        // Filled by the browser's response events while the asserts read it: a concurrent collection, or the read can throw.
        var crossOrigin = new System.Collections.Concurrent.ConcurrentQueue<string>();
        phone.Page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(fixture.Origin, StringComparison.Ordinal) && response.Headers.TryGetValue("access-control-allow-origin", out var allowed))
            {
                crossOrigin.Enqueue($"{response.Request.Method} {new Uri(response.Url).AbsolutePath} {allowed}");
            }
        };
        await phone.Page.ReloadAsync();
        Assert.StartsWith(appOrigin, phone.Page.Url, StringComparison.Ordinal);
        await phone.ExpectScreenAsync("Dịch vụ công Tây Ninh");

        // A signed read: the Zalo sign-in and the profile, with the Authorization header's preflight.
        await phone.TapAsync("Tài khoản, cỡ chữ");
        await Assertions.Expect(phone.Page.GetByLabel("Họ và tên")).ToHaveValueAsync("Võ Thị Em");

        // A create with its Idempotency-Key, then the live stream of the number being served.
        await phone.TapAsync("Trang chủ");
        await phone.TapAsync("Lấy số thứ tự");
        await phone.Page.GetByLabel("Bộ phận một cửa").SelectOptionAsync(new SelectOptionValue { Value = office.GetProperty("id").GetString()! });
        await phone.TapAsync("Hộ tịch");
        await phone.ExpectScreenAsync("Số thứ tự của bạn");
        var number = (await phone.Page.GetByTestId("ticket-number").TextContentAsync())!.Trim();
        using (var ward = await fixture.StaffAsync("tanninh.mai"))
        {
            await StaffActions.PostAsync(ward, $"/api/staff/appointments/offices/{office.GetProperty("id").GetString()}/counters/{office.GetProperty("counters")[0].GetProperty("id").GetString()}/call-next", new { });
        }

        await Assertions.Expect(phone.Page.GetByTestId("now-serving")).ToHaveTextAsync(number);
        Assert.Contains(crossOrigin, r => r.StartsWith("POST /api/appointments/tickets", StringComparison.Ordinal) && r.EndsWith(appOrigin, StringComparison.Ordinal));
        Assert.Contains(crossOrigin, r => r.Contains("/now-serving/stream", StringComparison.Ordinal) && r.EndsWith(appOrigin, StringComparison.Ordinal));
        Assert.Contains(crossOrigin, r => r.StartsWith("GET /api/identity/me", StringComparison.Ordinal));
        Assert.DoesNotContain(phone.ConsoleErrors, e => e.Contains("CORS", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>src/MiniApp/scripts/serve.mjs on the port the API allows; ended with the test.</summary>
    private static StaticServer StartStaticServer(int port)
    {
        var start = new ProcessStartInfo("node", [Path.Combine(MiniAppFixture.RepositoryRoot, "src", "MiniApp", "scripts", "serve.mjs"), port.ToString(System.Globalization.CultureInfo.InvariantCulture), MiniAppFixture.AppDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (line?.Contains("listening", StringComparison.Ordinal) != true)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The static server (node scripts/serve.mjs) said: {line}");
        }
        return new StaticServer(process);
    }

    private sealed class StaticServer(Process process) : IDisposable
    {
        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}
