using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Province.Testing;
using Xunit.Abstractions;

namespace Province.Host.Tests;

/// <summary>
/// Province as a separate process on a PostgreSQL cluster of its own, so the faults are real: the host is
/// killed with SIGKILL in the middle of a write load, and PostgreSQL is restarted under load.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_host_during_submissions_loses_no_answered_dossier_and_delivers_every_event_once_after_restart()
    {
        await using var rig = await FaultRig.StartAsync(new Dictionary<string, string>
        {
            ["NationalPortal__BaseUrl"] = "/national-portal-simulator",
            ["NationalPortal__UserName"] = "province-test",
            ["NationalPortal__Password"] = "test-portal-password",
            ["NationalPortal__SyncEnabled"] = "true",
            ["NationalPortal__SyncPollInterval"] = "00:00:00.200",
            ["NationalPortal__Simulator__Enabled"] = "true",
        });
        var (cluster, host) = (rig.Cluster, rig.Host);

        var documentKeys = await TestDossiers.MandatoryDocumentKeysAsync(host.CreateClient());
        var attempts = new ConcurrentBag<Submission>();
        var answered = 0;
        using var killed = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            using var citizen = await CitizenAsync(host, $"fault-citizen-{worker}");
            while (!killed.IsCancellationRequested)
            {
                var submission = new Submission($"fault-{worker}-{Guid.NewGuid():N}", worker);
                try
                {
                    submission.Body = await TestDossiers.BirthRegistrationBodyAsync(citizen, documentKeys);
                    attempts.Add(submission);
                    using var response = await SubmitAsync(citizen, submission);
                    submission.Status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        submission.Code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierCode").GetString();
                        Interlocked.Increment(ref answered);
                    }
                }
                catch (HttpRequestException) when (killed.IsCancellationRequested)
                {
                    // Cut by the kill: no answer. Its upload may be stored, its dossier may or may not be.
                }
                catch (TaskCanceledException) when (killed.IsCancellationRequested)
                {
                }
                catch (HttpRequestException)
                {
                    // The kill raced this request before the flag was set.
                }
            }
        })).ToList();

        // Kill mid-load: once a fair number of dossiers are answered and requests are still in flight.
        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref answered) < 40 && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(20);
        }

        await host.KillAsync();
        await killed.CancelAsync();
        await Task.WhenAll(workers);
        Assert.True(answered >= 40, "Too few submissions were answered before the kill:\n" + host.RecentOutput);

        await host.StartAsync();

        // Every 2xx is there, complete: its files, its first history entry, its portal call.
        var confirmed = attempts.Where(a => a.Status is 200 or 201).ToList();
        foreach (var submission in confirmed)
        {
            Assert.Equal(1, await cluster.ScalarAsync<long>("province",
                $"""SELECT count(*) FROM dossiers.mt_doc_dossier WHERE code = '{submission.Code}'"""));
        }

        var incomplete = await cluster.ScalarAsync<long>("province", $"""
            SELECT count(*) FROM dossiers.mt_doc_dossier d
            WHERE (SELECT count(*) FROM dossiers.mt_doc_dossierfile f WHERE f.dossier_id = d.id) <> {documentKeys.Count}
               OR NOT EXISTS (SELECT 1 FROM dossiers.mt_events h WHERE h.stream_id = d.id)
               OR NOT EXISTS (SELECT 1 FROM dossiers.mt_events p WHERE p.type = 'portal_call_queued' AND (p.data ->> 'dossierId')::uuid = d.id)
            """);
        Assert.Equal(0, incomplete);

        var committedBeforeKill = await cluster.ScalarAsync<long>("province", "SELECT count(*) FROM dossiers.mt_doc_dossier");
        output.WriteLine($"{attempts.Count} submissions sent, {confirmed.Count} answered 2xx before the kill, {committedBeforeKill} dossiers in the database after restart");

        // The unanswered ones are retried with their Idempotency-Key, as the mini app does: each ends with
        // exactly one dossier, whether or not the first attempt had committed before the kill.
        for (var worker = 0; worker < 8; worker++)
        {
            using var citizen = await CitizenAsync(host, $"fault-citizen-{worker}");
            foreach (var submission in attempts.Where(a => a.Worker == worker && a.Body is not null))
            {
                using var retried = await SubmitAsync(citizen, submission);
                Assert.True(retried.IsSuccessStatusCode, await retried.Content.ReadAsStringAsync());
                var code = (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierCode").GetString();
                if (submission.Code is not null)
                {
                    Assert.Equal(submission.Code, code);
                }
            }
        }

        var submitted = attempts.Count(a => a.Body is not null);
        Assert.Equal(submitted, await cluster.ScalarAsync<long>("province", "SELECT count(*) FROM dossiers.mt_doc_dossier"));

        // Outbox events of those writes, including the ones committed just before the kill, reach the
        // Notifications module once each; the portal calls are all sent.
        var drained = await Eventually.GetAsync(
            async () => await cluster.ScalarAsync<long>("province", """SELECT count(*) FROM dossiers.mt_events e WHERE e.mt_dotnet_type LIKE 'Province.Modules.Dossiers.Contracts.%' AND e.seq_id > coalesce((SELECT max(last_seq_id) FROM dossiers.mt_event_progression WHERE name LIKE 'integration-events%'), 0)""")
                + await cluster.ScalarAsync<long>("province", """SELECT count(*) FROM dossiers.mt_events e WHERE e.type = 'portal_call_queued' AND NOT EXISTS (SELECT 1 FROM dossiers.mt_doc_portalcall c WHERE c.id = e.id AND c.data ->> 'sentAt' IS NOT NULL)"""),
            pending => pending == 0, TimeSpan.FromSeconds(60));
        Assert.True(drained == 0, $"{drained} events still pending:\n{host.RecentOutput}");
        Assert.Equal(submitted, await cluster.ScalarAsync<long>("province",
            """SELECT count(*) FROM notifications.mt_doc_citizennotification WHERE data ->> 'title' LIKE 'Hồ sơ % đã được gửi'"""));
        Assert.Equal(submitted, await cluster.ScalarAsync<long>("province",
            """SELECT count(DISTINCT data ->> 'sourceEventId') FROM notifications.mt_doc_citizennotification WHERE data ->> 'title' LIKE 'Hồ sơ % đã được gửi'"""));
    }

    [Fact]
    public async Task Restarting_PostgreSQL_under_load_answers_503_with_Retry_After_and_the_host_recovers_by_itself()
    {
        await using var rig = await FaultRig.StartAsync(new Dictionary<string, string>());
        var (cluster, host) = (rig.Cluster, rig.Host);

        using var setup = host.CreateClient();
        var category = (await setup.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories")).GetProperty("items")[0].GetProperty("id").GetGuid();
        using var citizen = await CitizenAsync(host, "fault-reporter");

        // Warm up first (JIT, the citizen's first sight, the first pooled connections): the test is about the
        // restart, not about a cold start on a machine that is running the rest of the suite too.
        using (var warmUp = ReportRequest(category, $"restart-warm-up-{Guid.NewGuid():N}"))
        {
            Assert.Equal(HttpStatusCode.Created, (await citizen.SendAsync(warmUp)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync(new Uri("/api/public/field-reports", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync(new Uri("/api/public/dossiers/lookup/KHONGCO-000000-0000?secret=ABCDEFGH", UriKind.Relative))).StatusCode);

        var outcomes = new ConcurrentBag<Outcome>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                n++;
                using var request = (worker % 3) switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Get, "/api/public/field-reports"),
                    1 => new HttpRequestMessage(HttpMethod.Get, "/api/public/dossiers/lookup/KHONGCO-000000-0000?secret=ABCDEFGH"),
                    _ => ReportRequest(category, $"restart-{worker}-{n}-{Guid.NewGuid():N}"),
                };
                var started = clock.Elapsed;
                try
                {
                    using var response = await citizen.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    outcomes.Add(new Outcome(request.Method.Method + " " + request.RequestUri, started, clock.Elapsed - started, (int)response.StatusCode,
                        response.Headers.RetryAfter is not null, response.Content.Headers.ContentType?.MediaType, body));
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    outcomes.Add(new Outcome(request.Method.Method + " " + request.RequestUri, started, clock.Elapsed - started, 0, false, null, exception.Message));
                }
            }
        })).ToList();

        await Task.Delay(1500);
        var stopping = clock.Elapsed;
        await cluster.StopServerAsync();
        await Task.Delay(3000);
        await cluster.StartServerAsync();
        var restarted = clock.Elapsed;
        await Task.Delay(6000);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var all = outcomes.OrderBy(o => o.Started).ToList();
        string Describe(IEnumerable<Outcome> some) => string.Join('\n', some.Take(10).Select(o => $"{o.Started.TotalSeconds:F2}s {o.Request} -> {o.Status} in {o.Elapsed.TotalMilliseconds:F0} ms: {o.Body[..Math.Min(200, o.Body.Length)]}"));

        // Never a 500, never a hang, never a dropped connection.
        Assert.True(all.All(o => o.Status is > 0 and < 500 or 503), Describe(all.Where(o => o.Status is 0 or (>= 500 and not 503))) + "\n" + host.RecentOutput);
        Assert.True(all.All(o => o.Elapsed < TimeSpan.FromSeconds(10)), Describe(all.Where(o => o.Elapsed >= TimeSpan.FromSeconds(10))));

        // While PostgreSQL was down: 503 problems with Retry-After, answered fast.
        var unavailable = all.Where(o => o.Status == 503).ToList();
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, o =>
        {
            Assert.True(o.RetryAfter, "503 without Retry-After");
            Assert.Equal("application/problem+json", o.ContentType);
            Assert.True(o.Started >= stopping - TimeSpan.FromMilliseconds(500) && o.Started < restarted + TimeSpan.FromSeconds(3),
                $"503 outside the outage ({stopping.TotalSeconds:F1}s-{restarted.TotalSeconds:F1}s): {Describe([o])}\n{host.RecentOutput}");
        });
        var duringOutage = all.Where(o => o.Started > stopping + TimeSpan.FromSeconds(1) && o.Started + o.Elapsed < restarted).ToList();
        Assert.NotEmpty(duringOutage);
        // Fast: a refused connection is answered at once (a hang would be Npgsql's 15 s connect timeout).
        Assert.True(duringOutage.Max(o => o.Elapsed) < TimeSpan.FromSeconds(5), Describe(duringOutage.OrderByDescending(o => o.Elapsed)));

        var firstNormal = all.Where(o => o.Started > restarted && o.Status is 200 or 201 or 404).Select(o => o.Started).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        output.WriteLine($"{all.Count} requests; {unavailable.Count} answered 503 (slowest during the outage {duringOutage.Max(o => o.Elapsed).TotalMilliseconds:F0} ms); " +
            $"first normal answer {(firstNormal - restarted).TotalMilliseconds:F0} ms after PostgreSQL was back");

        // Recovered by itself: the last seconds are all answered normally.
        var recovered = all.Where(o => o.Started > restarted + TimeSpan.FromSeconds(3)).ToList();
        Assert.True(recovered.Count > 20, $"only {recovered.Count} requests after recovery");
        Assert.All(recovered, o => Assert.True(o.Status is 200 or 201 or 404, Describe([o])));

        // Every report answered 201 is stored, once.
        var created = all.Where(o => o.Status == 201).Select(o => JsonDocument.Parse(o.Body).RootElement.GetProperty("report").GetProperty("code").GetString()).ToList();
        Assert.NotEmpty(created);
        Assert.Equal(created.Count, await cluster.ScalarAsync<long>("province",
            $"""SELECT count(*) FROM field_reports.mt_doc_fieldreport WHERE code IN ({string.Join(',', created.Select(c => $"'{c}'"))})"""));
    }

    private static HttpRequestMessage ReportRequest(Guid category, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports")
        {
            Content = JsonContent.Create(new
            {
                categoryId = category,
                title = "Đèn đường không sáng",
                description = "Đèn đường trước nhà số 12 không sáng ba đêm nay.",
                latitude = 11.31,
                longitude = 106.1,
                area = "Phường 1",
                anonymous = false,
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<HttpClient> CitizenAsync(HostProcess host, string zaloUserId)
    {
        var client = host.CreateClient();
        var minted = await client.PostAsJsonAsync("/zalo-simulator/dev/access-tokens", new { userId = zaloUserId, name = "Người thử lỗi" });
        minted.EnsureSuccessStatusCode();
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient citizen, Submission submission)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers") { Content = JsonContent.Create(submission.Body) };
        request.Headers.Add("Idempotency-Key", submission.Key);
        return await citizen.SendAsync(request);
    }

    private sealed class Submission(string key, int worker)
    {
        public string Key { get; } = key;

        public int Worker { get; } = worker;

        public object? Body { get; set; }

        public int? Status { get; set; }

        public string? Code { get; set; }
    }

    private sealed record Outcome(string Request, TimeSpan Started, TimeSpan Elapsed, int Status, bool RetryAfter, string? ContentType, string Body);

    /// <summary>A PostgreSQL cluster, a files folder and a host process of one test's own, removed together.</summary>
    private sealed class FaultRig : IAsyncDisposable
    {
        private readonly string _files = Directory.CreateTempSubdirectory("province-fault-files-").FullName;

        private FaultRig(PrivatePostgresCluster cluster, IDictionary<string, string> settings)
        {
            Cluster = cluster;
            settings["ConnectionStrings__Province"] = cluster.ConnectionTo("province");
            settings["Files__Directory"] = Path.Combine(_files, "uploads");
            // Persisted keys: what the host protected before a kill is still readable after it.
            settings["DataProtection__KeysDirectory"] = Path.Combine(_files, "keys");
            Host = new HostProcess(settings);
        }

        public PrivatePostgresCluster Cluster { get; }

        public HostProcess Host { get; }

        public static async Task<FaultRig> StartAsync(IDictionary<string, string> settings)
        {
            var cluster = await PrivatePostgresCluster.StartAsync();
            await cluster.ExecuteAsync("CREATE DATABASE province");
            var rig = new FaultRig(cluster, settings);
            await rig.Host.StartAsync();
            return rig;
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            await Cluster.DisposeAsync();
            Directory.Delete(_files, recursive: true);
        }
    }
}
