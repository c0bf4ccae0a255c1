using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>A host whose background jobs do not write while the walk compares the database before and after.</summary>
public sealed class BadInputApp : ProvinceApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["NationalPortal:SyncEnabled"] = "false",
        ["Dossiers:DeadlineScanInterval"] = "01:00:00",
        ["FieldReports:EscalationScanInterval"] = "01:00:00",
        ["Appointments:ReminderScanInterval"] = "01:00:00",
    };
}

/// <summary>
/// Walks the OpenAPI document and sends every operation what a careless or hostile client would, aimed at real
/// records (a submitted dossier, a field report, a question, an office with a booking and a ticket): malformed JSON,
/// invalid Unicode, wrong types, oversized strings, control characters, negative numbers; and unknown ids, broken
/// query values and forged tokens. A bad body is never accepted (no 2xx) and never a 500; every refusal is a
/// problem; and nothing in any module's tables changes: the walk compares the content of every table before and
/// after, so an update shows as well as an insert.
/// </summary>
public sealed class BadInputTests(BadInputApp app) : IClassFixture<BadInputApp>
{
    private static readonly string[] Schemas = ["identity", "notifications", "dossiers", "appointments", "field_reports"];
    private static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    [Fact]
    public async Task Every_operation_refuses_bad_input_aimed_at_real_records_with_a_4xx_problem_and_changes_nothing()
    {
        // Wednesday 08:00 in Vietnam: the office is open, tomorrow's slots can be booked.
        app.Clock.Set(new DateTime(2026, 12, 2, 8, 0, 0));
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var citizen = await app.CitizenAsync("zalo-bad-input");
        var administrator = await app.StaffAsync("quantri");
        var records = await RealRecords.CreateAsync(citizen, administrator);
        using var forged = app.CreateClient(); // each request carries its own forged Authorization header
        var before = await SettledFingerprintAsync();
        var failures = new List<string>();
        var sent = 0;

        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (path.EndsWith("/stream", StringComparison.Ordinal))
                {
                    continue; // A live stream of a missing office is covered by the 404 of its GET twin.
                }

                var client = path.StartsWith("/api/staff", StringComparison.Ordinal) ? administrator
                    : path.StartsWith("/api/public", StringComparison.Ordinal) || path.StartsWith("/open311", StringComparison.Ordinal) ? anonymous
                    : citizen;
                var open311 = path.StartsWith("/open311", StringComparison.Ordinal);
                var isPublic = open311 || path.StartsWith("/api/public", StringComparison.Ordinal);
                foreach (var (label, request, mustRefuse) in BadRequests(path, method, operation!, document, records))
                {
                    using (request)
                    {
                        // An operation that takes no input at all (delete my profile, import the catalog) has no bad
                        // input to send: signed, it would simply do its job. Only the forged token applies to it.
                        var takesInput = operation!["requestBody"] is not null || (operation["parameters"]?.AsArray().Count ?? 0) > 0;
                        foreach (var (who, sender) in new[] { ("signed", client), ("forged", forged) }.Where(w => takesInput || w.Item1 == "forged"))
                        {
                            using var copy = await CloneAsync(request);
                            if (who == "forged")
                            {
                                copy.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "forged-" + Guid.NewGuid().ToString("N"));
                            }

                            var response = await sender.SendAsync(copy);
                            sent++;
                            var status = (int)response.StatusCode;
                            var type = response.Content.Headers.ContentType?.MediaType ?? "";
                            var isProblem = type == "application/problem+json" || (open311 && type is "application/json" or "application/xml");
                            // A bad body, or a forged token on a protected operation, must be refused; a read with a bad
                            // filter may answer with what is valid.
                            var refusalRequired = mustRefuse || (who == "forged" && !isPublic);
                            if (status >= 500 || (status >= 400 && !isProblem) || (refusalRequired && status < 400))
                            {
                                failures.Add($"{method.ToUpperInvariant()} {path} [{label}, {who}] -> {status} {type}: {Truncate(await response.Content.ReadAsStringAsync())}");
                            }
                        }
                    }
                }
            }
        }

        Assert.True(sent > 500, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        var after = await FingerprintAsync();
        Assert.True(before.SequenceEqual(after), "Changed by bad input: " + string.Join(", ", after.Except(before).Select(t => t.Split('=')[0])));
    }

    /// <summary>
    /// The bad variants of one operation: unknown path ids and broken query values (a read may answer what is valid),
    /// and each kind of broken body aimed at the real record of the path (which must be refused). The oversized query
    /// stays under Kestrel's 8 KB request line, which answers 414 itself before the application sees the request.
    /// </summary>
    private static IEnumerable<(string Label, HttpRequestMessage Request, bool MustRefuse)> BadRequests(
        string path, string method, JsonNode operation, JsonNode document, RealRecords records)
    {
        var unknown = Fill(path, operation, records: null);
        var real = Fill(path, operation, records);
        var http = new HttpMethod(method.ToUpperInvariant());
        var schema = BodySchema(operation, document);
        var hasBody = schema is not null;
        var queryNames = (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();

        yield return ("unknown ids", Request(http, unknown + Query(queryNames, "-1"), hasBody ? "{}" : null), hasBody);
        yield return ("huge query numbers", Request(http, unknown + Query(queryNames, "99999999999999999999"), hasBody ? "{}" : null), hasBody);
        if (queryNames.Count > 0)
        {
            yield return ("control characters in the query", Request(http, real + Query(queryNames, "a\u0000b\u001b[2J\u202e"), hasBody ? "{}" : null), hasBody);
            // 1,000 characters per parameter, but the whole query within 6,000 (the staff queues take a dozen parameters).
            yield return ("oversized query", Request(http, real + Query(queryNames, new string('x', Math.Min(1000, 6000 / queryNames.Count))), hasBody ? "{}" : null), hasBody);
        }

        if (!hasBody)
        {
            yield break;
        }

        yield return ("malformed JSON", Request(http, real, "{\"a\": [1, 2"), true);
        yield return ("invalid Unicode", Request(http, real, null, raw: [.. Encoding.UTF8.GetBytes("{\"name\": \""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")]), true);
        // Longer than any text field allows (4,000 characters at most), yet the whole body under the 64 KB request limit,
        // so the validators answer, not the body limit (RequestSizeTests covers that one).
        var strings = Properties(schema!, document).Count(p => Type(p.Schema, document) == "string");
        var oversized = new string('x', Math.Max(4_100, 60_000 / Math.Max(1, strings)));
        foreach (var (label, transform) in new (string, Func<string?, JsonNode?>)[]
        {
            ("wrong types", type => type switch { "string" => 12345, "integer" or "number" => "mười hai", "boolean" => "có", "array" => "x", _ => 42 }),
            ("oversized strings", type => type == "string" ? oversized : type is "integer" or "number" ? 1e30 : null),
            ("control characters only", type => type == "string" ? "\u0000\u001b\u202e\u0007" : null),
            ("negative numbers", type => type is "integer" or "number" ? -1 : type == "string" ? "" : null),
        })
        {
            var body = new JsonObject();
            foreach (var (name, property) in Properties(schema!, document))
            {
                body[name] = transform(Type(property, document));
            }

            yield return (label, Request(http, real, body.ToJsonString()), true);
        }
    }

    private static string Fill(string path, JsonNode operation, RealRecords? records)
    {
        var url = path;
        foreach (var parameter in (operation["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "path"))
        {
            var name = parameter!["name"]!.GetValue<string>();
            var format = parameter["schema"]?["format"]?.GetValue<string>();
            var value = name == "format" ? "json"
                : records?.For(path, name) is { } known ? known
                : format == "uuid" ? Guid.NewGuid().ToString() : "khong-co-" + Guid.NewGuid().ToString("N")[..6];
            url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return url;
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? json, byte[]? raw = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        if (raw is not null || json is not null)
        {
            request.Content = new ByteArrayContent(raw ?? Encoding.UTF8.GetBytes(json!));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private static string Query(List<string> names, string value) =>
        names.Count == 0 ? "" : "?" + string.Join('&', names.Select(n => $"{n}={Uri.EscapeDataString(value)}"));

    private static JsonNode? BodySchema(JsonNode operation, JsonNode document) =>
        operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(schema, document) : null;

    private static IEnumerable<(string Name, JsonNode Schema)> Properties(JsonNode schema, JsonNode document) =>
        (Resolve(schema, document)["properties"]?.AsObject() ?? []).Select(p => (p.Key, Resolve(p.Value!, document)));

    private static string? Type(JsonNode schema, JsonNode document)
    {
        var type = Resolve(schema, document)["type"];
        return type switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue value => value.GetValue<string>(),
            _ => null,
        };
    }

    private static JsonNode Resolve(JsonNode schema, JsonNode document)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        }

        return schema;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            copy.Content = new ByteArrayContent(await request.Content.ReadAsByteArrayAsync());
            copy.Content.Headers.ContentType = request.Content.Headers.ContentType;
        }

        return copy;
    }


    /// <summary>Every table of every module as "schema.table=md5 of its rows", sorted: any insert, update or delete shows.</summary>
    private async Task<List<string>> FingerprintAsync()
    {
        var fingerprint = new List<string>();
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            // The async daemon's progress is its own bookkeeping, not a write of the request.
            "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables " +
            "WHERE table_schema = ANY(@schemas) AND table_type = 'BASE TABLE' AND table_name <> 'mt_event_progression'", connection))
        {
            list.Parameters.AddWithValue("schemas", Schemas);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var hash = new NpgsqlCommand($"SELECT coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM {table} t", connection);
            fingerprint.Add(table + "=" + (string)(await hash.ExecuteScalarAsync())!);
        }

        fingerprint.Sort(StringComparer.Ordinal);
        return fingerprint;
    }

    /// <summary>The fingerprint once the setup's events have been handled (two readings a second apart agree).</summary>
    private async Task<List<string>> SettledFingerprintAsync()
    {
        var previous = await FingerprintAsync();
        var reading = await Eventually.GetAsync(
            async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                var current = await FingerprintAsync();
                var settled = current.SequenceEqual(previous);
                previous = current;
                return (Settled: settled, Fingerprint: current);
            },
            reading => reading.Settled,
            waitingFor: "the database to settle after the setup");
        return reading.Fingerprint;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;

    /// <summary>Records of every module, created the way a citizen and the office would, for the walk to aim at.</summary>
    private sealed record RealRecords(Dictionary<string, string> Ids)
    {
        public static async Task<RealRecords> CreateAsync(HttpClient citizen, HttpClient administrator)
        {
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);

            // A dossier: a birth registration with every mandatory document.
            var procedure = await citizen.GetFromJsonAsync<JsonElement>("/api/public/dossiers/procedures/1.001193");
            var documents = new List<object>();
            foreach (var required in procedure.GetProperty("requiredDocuments").EnumerateArray().Where(d => d.GetProperty("mandatory").GetBoolean()))
            {
                using var form = new MultipartFormDataContent();
                var file = new ByteArrayContent(TestPng.Unique());
                file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                form.Add(file, "file", "giay-to.png");
                var upload = await ApiAssert.OkAsync(await citizen.PostAsync("/api/dossiers/uploads", form));
                documents.Add(new { documentKey = required.GetProperty("key").GetString(), fileIds = new[] { upload.GetProperty("items")[0].GetProperty("id").GetGuid() } });
                ids["fileId"] = upload.GetProperty("items")[0].GetProperty("id").GetGuid().ToString();
            }

            var receipt = await ApiAssert.OkAsync(await SendAsync(citizen, "/api/dossiers", new
            {
                procedureCode = "1.001193",
                applicant = new { fullName = "Nguyễn Văn An", dateOfBirth = "1990-05-12", citizenIdNumber = "072090001234", phoneNumber = "0912345678", address = "12 Trần Hưng Đạo, phường Tân Ninh" },
                summary = "Đăng ký khai sinh cho con",
                documents,
                delivery = new { method = "atOffice" },
            }));
            ids["dossier"] = receipt.GetProperty("dossierId").GetGuid().ToString();
            ids["dossierCode"] = receipt.GetProperty("dossierCode").GetString()!;

            // A field report and a question.
            var categories = await citizen.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories");
            var report = await ApiAssert.OkAsync(await SendAsync(citizen, "/api/field-reports", new
            {
                categoryId = categories.GetProperty("items")[0].GetProperty("id").GetGuid(),
                title = "Đèn đường không sáng",
                description = "Ba cột đèn trên đường Võ Văn Truyện không sáng từ tối qua.",
                latitude = 11.3101,
                longitude = 106.0983,
                address = "Đường Võ Văn Truyện",
                area = "Phường Tân Ninh",
                anonymous = false,
                photoIds = Array.Empty<Guid>(),
            }));
            ids["report"] = report.GetProperty("report").GetProperty("id").GetGuid().ToString();
            ids["reportCode"] = report.GetProperty("report").GetProperty("code").GetString()!;
            ids["category"] = categories.GetProperty("items")[0].GetProperty("id").GetGuid().ToString();
            var question = await ApiAssert.OkAsync(await SendAsync(citizen, "/api/field-reports/questions",
                new { agencyId = TanNinhWard, title = "Đăng ký tạm trú", text = "Sinh viên thuê trọ cần giấy tờ gì để đăng ký tạm trú?" }));
            ids["question"] = question.GetProperty("id").GetGuid().ToString();

            // An office open all day every day, a slot booked, a ticket taken.
            var office = await ApiAssert.OkAsync(await administrator.PostAsJsonAsync("/api/staff/appointments/offices", TestOffices.NewOffice(TanNinhWard, "Bộ phận Một cửa (dữ liệu xấu)")));
            var officeId = office.GetProperty("id").GetGuid();
            var group = office.GetProperty("serviceGroups")[0].GetProperty("id").GetGuid();
            ids["office"] = officeId.ToString();
            ids["counter"] = office.GetProperty("counters")[0].GetProperty("id").GetGuid().ToString();
            var tomorrow = new DateOnly(2026, 12, 3);
            await ApiAssert.OkAsync(await administrator.PostAsJsonAsync($"/api/staff/appointments/offices/{officeId}/slots",
                new { serviceGroupId = group, from = tomorrow, to = tomorrow, slotMinutes = 60, capacity = 5 }));
            var slots = await citizen.GetFromJsonAsync<JsonElement>($"/api/public/appointments/offices/{officeId}/slots?serviceGroupId={group}&day={tomorrow:yyyy-MM-dd}");
            var booking = await ApiAssert.OkAsync(await SendAsync(citizen, "/api/appointments/bookings",
                new { slotId = slots[0].GetProperty("id").GetGuid(), fullName = "Nguyễn Văn An", phoneNumber = "0912345678" }));
            ids["booking"] = booking.GetProperty("id").GetGuid().ToString();
            var ticket = await ApiAssert.OkAsync(await SendAsync(citizen, "/api/appointments/tickets", new { officeId, serviceGroupId = group }));
            ids["ticket"] = ticket.GetProperty("id").GetGuid().ToString();
            return new RealRecords(ids);
        }

        /// <summary>The real record a path's parameter names, or null when the walk has none of that kind.</summary>
        public string? For(string path, string parameter) => parameter switch
        {
            "agencyId" => TanNinhWard.ToString(),
            "officeId" => Ids["office"],
            "counterId" => Ids["counter"],
            "fileId" => Ids["fileId"],
            "code" when path.Contains("/dossiers/lookup/", StringComparison.Ordinal) => Ids["dossierCode"],
            "code" when path.Contains("/field-reports/", StringComparison.Ordinal) => Ids["reportCode"],
            "id" when path.Contains("dossiers/{id}", StringComparison.Ordinal) => Ids["dossier"],
            "id" when path.Contains("bookings/{id}", StringComparison.Ordinal) => Ids["booking"],
            "id" when path.Contains("tickets/{id}", StringComparison.Ordinal) => Ids["ticket"],
            "id" when path.Contains("questions/{id}", StringComparison.Ordinal) => Ids["question"],
            "id" when path.Contains("categories/{id}", StringComparison.Ordinal) => Ids["category"],
            "id" when path.Contains("field-reports/{id}", StringComparison.Ordinal) => Ids["report"],
            _ => null,
        };

        private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return await client.SendAsync(request);
        }
    }
}
