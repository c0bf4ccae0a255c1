using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// Two Province hosts on one PostgreSQL, each running its own outbox dispatchers, portal sender and
/// watchers, as a province scales out: numbers and codes stay unique and gap-free, and every
/// integration event takes effect once per consumer.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private static readonly Guid TanNinhOffice = Guid.Parse("0195a1f0-0000-7000-8000-0000000000a1");
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "province-keys-" + Guid.NewGuid().ToString("N"));
    private PostgresDatabase? _database;
    private Instance? _first;
    private Instance? _second;

    private Instance First => _first!;

    private Instance Second => _second!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _first = new Instance(_database, _keys);
        await _first.InitializeAsync();
        // The second starts on the migrated, seeded database (its own migration and seeding find nothing to do).
        _second = new Instance(_database, _keys);
        await _second.InitializeAsync();
        foreach (var instance in new[] { _first, _second })
        {
            instance.Clock.Set(new DateTime(2026, 12, 2, 9, 0, 0));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (IAsyncLifetime instance in new ProvinceApp?[] { _first, _second }.OfType<ProvinceApp>())
        {
            await instance.DisposeAsync();
        }

        await _database!.DisposeAsync();
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task Three_hundred_tickets_through_two_hosts_get_three_hundred_consecutive_numbers()
    {
        using var anonymous = First.CreateClient();
        var office = (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/appointments/offices")).EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == TanNinhOffice);
        var group = office.GetProperty("serviceGroups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "CT").GetProperty("id").GetGuid();
        var citizens = new HttpClient[300];
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => citizens[i] = await (i % 2 == 0 ? First : Second).CitizenAsync($"zalo-two-ticket-{i}"));

        var answers = await Task.WhenAll(citizens.Select(async citizen =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/tickets") { Content = JsonContent.Create(new { officeId = TanNinhOffice, serviceGroupId = group }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return await citizen.SendAsync(request);
        }));

        var numbers = new List<int>();
        foreach (var answer in answers)
        {
            var ticket = await ApiAssert.OkAsync(answer);
            numbers.Add(int.Parse(ticket.GetProperty("number").GetString()!["CT-".Length..], CultureInfo.InvariantCulture));
        }

        Assert.Equal(Enumerable.Range(1, 300), numbers.Order());
    }

    [Fact]
    public async Task Two_hundred_dossiers_through_two_hosts_get_distinct_codes_and_each_event_takes_effect_once()
    {
        var submissions = new ConcurrentBag<(Instance Host, HttpClient Citizen, object Body)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var host = i % 2 == 0 ? First : Second;
            var citizen = await host.CitizenAsync($"zalo-two-dossier-{i}");
            submissions.Add((host, citizen, await BirthRegistrationAsync(citizen, i)));
        });

        var answers = await Task.WhenAll(submissions.Select(async s =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(s.Body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return await s.Citizen.SendAsync(request);
        }));
        var receipts = new List<JsonElement>();
        foreach (var answer in answers)
        {
            receipts.Add(await ApiAssert.OkAsync(answer));
        }

        var codes = receipts.Select(r => r.GetProperty("dossierCode").GetString()!).ToList();
        Assert.Equal(200, codes.Distinct().Count());
        var numbers = codes.Select(c => int.Parse(c[^4..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 200), numbers);

        // Officers on both hosts accept them: 200 DossierStatusChanged events, dispatched by both hosts' outboxes.
        var officers = new[] { await First.StaffAsync("tanninh.mai"), await Second.StaffAsync("tanninh.tuan") };
        await Parallel.ForEachAsync(receipts.Select((r, i) => (Id: r.GetProperty("dossierId").GetGuid(), Officer: officers[i % 2])),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (work, _) => await ApiAssert.OkAsync(await work.Officer.PostAsJsonAsync($"/api/staff/dossiers/{work.Id}/accept", new { version = 0 })));

        var database = First.Database;
        await Eventually.GetAsync(
            () => database.ScalarAsync<long>("""SELECT count(*) FROM dossiers.mt_events e WHERE e.mt_dotnet_type LIKE 'Province.Modules.Dossiers.Contracts.%' AND e.seq_id > coalesce((SELECT max(last_seq_id) FROM dossiers.mt_event_progression WHERE name LIKE 'integration-events%'), 0)"""),
            pending => pending == 0, TimeSpan.FromSeconds(60));
        Assert.Equal(200, await database.ScalarAsync<long>("""SELECT count(*) FROM notifications.mt_doc_citizennotification WHERE data ->> 'title' LIKE 'Hồ sơ %: Đã được tiếp nhận'"""));
        Assert.Equal(200, await database.ScalarAsync<long>(
            """SELECT count(DISTINCT data ->> 'sourceEventId') FROM notifications.mt_doc_citizennotification WHERE data ->> 'title' LIKE 'Hồ sơ %: Đã được tiếp nhận'"""));

        // The national portal got each new dossier once, whichever host sent it.
        await Eventually.GetAsync(
            () => database.ScalarAsync<long>("""SELECT count(*) FROM dossiers.mt_events e WHERE e.type = 'portal_call_queued' AND NOT EXISTS (SELECT 1 FROM dossiers.mt_doc_portalcall c WHERE c.id = e.id AND c.data ->> 'sentAt' IS NOT NULL)"""),
            pending => pending == 0, TimeSpan.FromSeconds(60));
        var created = new List<string>();
        foreach (var host in new[] { First, Second })
        {
            using var client = host.CreateClient();
            var received = await client.GetFromJsonAsync<JsonElement>("/national-portal-simulator/dev/received");
            created.AddRange(received.EnumerateArray()
                .Where(c => c.GetProperty("service").GetString() == "DongBoHoSoMC" && !c.GetProperty("body").GetProperty("isUpdating").GetBoolean())
                .Select(c => c.GetProperty("body").GetProperty("data")[0].GetProperty("MaHoSo").GetString()!));
        }

        Assert.Equal(codes.Order(), created.Order());
    }

    [Fact]
    public async Task A_call_on_one_host_reaches_a_live_view_on_the_other_in_under_a_second()
    {
        // The second host's listener is up: its readiness says so.
        using (var probe = Second.CreateClient())
        {
            Assert.Equal("Healthy", await probe.GetStringAsync("/health/ready"));
        }

        using var anonymous = First.CreateClient();
        var office = (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/appointments/offices")).EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == TanNinhOffice);
        var group = office.GetProperty("serviceGroups").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "CT").GetProperty("id").GetGuid();
        var counter = office.GetProperty("counters").EnumerateArray()
            .First(c => c.GetProperty("serviceGroupIds").EnumerateArray().Any(g => g.GetGuid() == group)).GetProperty("id").GetGuid();
        using var citizen = await First.CitizenAsync("zalo-two-live");
        using var take = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/tickets") { Content = JsonContent.Create(new { officeId = TanNinhOffice, serviceGroupId = group }) };
        take.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var number = (await ApiAssert.OkAsync(await citizen.SendAsync(take))).GetProperty("number").GetString()!;

        // A hall display on the second host; its events are recorded with the time each arrived.
        using var viewer = Second.CreateClient();
        viewer.Timeout = Timeout.InfiniteTimeSpan;
        using var stream = await viewer.GetAsync($"/api/public/appointments/offices/{TanNinhOffice}/now-serving/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        var seen = new ConcurrentQueue<(TimeSpan At, string Data)>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(stop.Token));
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    seen.Enqueue((clock.Elapsed, line));
                }
            }
        }, stop.Token);
        await Eventually.GetAsync(() => Task.FromResult(seen.Count), count => count > 0, TimeSpan.FromSeconds(10));

        // The call on the first host: from the moment it is sent, the second host's view has a second to show it.
        using var officer = await First.StaffAsync("tanninh.mai");
        var sent = clock.Elapsed;
        await ApiAssert.OkAsync(await officer.PostAsync($"/api/staff/appointments/offices/{TanNinhOffice}/counters/{counter}/call-next", null));
        var expected = $"\"nowServing\":\"{number}\"";
        var deadline = sent + TimeSpan.FromSeconds(1);
        while (clock.Elapsed < deadline && !seen.Any(e => e.Data.Contains(expected, StringComparison.Ordinal)))
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await Task.WhenAny(reading);
        var arrived = seen.Where(e => e.Data.Contains(expected, StringComparison.Ordinal)).Select(e => (TimeSpan?)e.At).FirstOrDefault();
        var last = seen.LastOrDefault();
        Assert.True(arrived is { } at && at - sent < TimeSpan.FromSeconds(1),
            $"The second host's live view did not show {number} within 1 s of the call on the first host; last event seen " +
            $"{(last.Data is null ? "none" : $"{(last.At - sent).TotalMilliseconds:F0} ms after the call: {last.Data}")}.");
        Console.WriteLine($"Call on host A to event on host B: {(arrived!.Value - sent).TotalMilliseconds:F0} ms");
    }

    private static async Task<object> BirthRegistrationAsync(HttpClient citizen, int salt)
    {
        var documents = new List<object>();
        foreach (var key in new[] { "1", "2" })
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestPng.Create([.. BitConverter.GetBytes(salt), .. Guid.NewGuid().ToByteArray()]));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "giay-to.png");
            var upload = await ApiAssert.OkAsync(await citizen.PostAsync("/api/dossiers/uploads", form));
            documents.Add(new { documentKey = key, fileIds = new[] { upload.GetProperty("items")[0].GetProperty("id").GetGuid() } });
        }

        return new
        {
            procedureCode = "1.001193",
            applicant = new { fullName = "Nguyễn Văn An", phoneNumber = "0912345678" },
            documents,
            delivery = new { method = "atOffice" },
        };
    }

    /// <summary>One host on the shared database, sharing data-protection keys so staff tokens work on both.</summary>
    private sealed class Instance(PostgresDatabase database, string keys) : ProvinceApp(database)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DataProtection:KeysDirectory"] = keys };
    }
}
