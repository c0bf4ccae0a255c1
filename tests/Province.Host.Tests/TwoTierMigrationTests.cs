using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// build/migrate-two-tier.sql on a database holding data of the old three-tier structure (a district People's
/// Committee with its staff, an open dossier, an open report and an office, old place names): afterwards the
/// upgraded host serves it with no district left and the moves in the histories.
/// </summary>
public sealed class TwoTierMigrationTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private const string FormerCity = "0195a1f0-0000-7000-8000-000000000006";
    private static readonly Guid TanNinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
    private static readonly Guid TanNinhOffice = Guid.Parse("0195a1f0-0000-7000-8000-0000000000a1");

    [Fact]
    public async Task Old_structure_data_is_moved_to_the_two_tier_agencies_and_communes_with_the_moves_in_its_history()
    {
        // Data as the old structure left it: made through the API, then put back under the district and the old names.
        var citizen = await app.CitizenAsync("zalo-migration");
        var (dossierId, lookupPath, reportId) = await OldStructureDataAsync(citizen);

        await RunAsync("two-tier-map.tay-ninh.sql", "migrate-two-tier.sql");

        using var anonymous = app.CreateClient();
        var agencies = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/identity/agencies?pageSize=100");
        Assert.DoesNotContain(agencies.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == FormerCity);
        Assert.DoesNotContain("thành phố", agencies.GetRawText(), StringComparison.Ordinal);

        // The district's officer works for the ward that took over, and finds the open dossier in its queue.
        var officer = await app.StaffAsync("binhminh.khoa");
        var queue = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?pageSize=100");
        var row = queue.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == dossierId);
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", row.GetProperty("agencyName").GetString());
        Assert.Equal(1, row.GetProperty("version").GetInt32());
        var dossier = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{dossierId}");
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", dossier.GetProperty("agencyName").GetString());
        Assert.Equal(1, dossier.GetProperty("version").GetInt32());
        var moved = dossier.GetProperty("history").EnumerateArray().Last().GetProperty("description").GetString();
        Assert.Equal("Ủy ban nhân dân thành phố Tây Ninh không còn từ ngày 01/7/2025 (chính quyền địa phương hai cấp); hồ sơ được chuyển đến Ủy ban nhân dân phường Tân Ninh.", moved);
        Assert.Equal("Phường Tân Ninh", dossier.GetProperty("applicant").GetProperty("commune").GetString());
        // The public lookup (its own view of the dossier) says the same: the ward, and the transfer on the timeline.
        var lookup = await anonymous.GetFromJsonAsync<JsonElement>(lookupPath);
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", lookup.GetProperty("agencyName").GetString());
        Assert.Equal(
            dossier.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("at").GetRawText(), h.GetProperty("toStatus").GetString())),
            lookup.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("at").GetRawText(), s.GetProperty("status").GetString())));
        Assert.Equal(2, lookup.GetProperty("steps").GetArrayLength());
        // The moved dossier is worked as any other: the stream and the snapshot agree.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/staff/dossiers/{dossierId}/accept", new { version = 1 })).StatusCode);

        var report = await officer.GetFromJsonAsync<JsonElement>($"/api/staff/field-reports/{reportId}");
        Assert.Equal(TanNinhWard, report.GetProperty("report").GetProperty("agencyId").GetGuid());
        Assert.Equal("Phường Tân Ninh", report.GetProperty("report").GetProperty("wardName").GetString());
        Assert.Contains(report.GetProperty("history").EnumerateArray(), h => h.GetProperty("description").GetString()!.Contains("hai cấp", StringComparison.Ordinal));

        var office = (await anonymous.GetFromJsonAsync<JsonElement>("/api/public/appointments/offices")).EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == TanNinhOffice);
        Assert.Equal(TanNinhWard, office.GetProperty("agencyId").GetGuid());
        Assert.Equal(0, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM field_reports.mt_doc_routingrule WHERE data ->> 'agencyId' = '{FormerCity}' OR data ->> 'area' = 'Phường 1'"));

        // A second run finds nothing left to move.
        var events = await app.Database.ScalarAsync<long>("SELECT (SELECT count(*) FROM dossiers.mt_events) + (SELECT count(*) FROM field_reports.mt_events)");
        await RunAsync("two-tier-map.tay-ninh.sql", "migrate-two-tier.sql");
        Assert.Equal(events, await app.Database.ScalarAsync<long>("SELECT (SELECT count(*) FROM dossiers.mt_events) + (SELECT count(*) FROM field_reports.mt_events)"));
    }

    /// <summary>The old structure's data: the dossier's id and public lookup path (code and secret), and the report's id.</summary>
    private async Task<(Guid Dossier, string LookupPath, Guid Report)> OldStructureDataAsync(HttpClient citizen)
    {
        var procedure = await citizen.GetFromJsonAsync<JsonElement>("/api/public/dossiers/procedures/1.001193");
        var documents = new List<object>();
        foreach (var document in procedure.GetProperty("requiredDocuments").EnumerateArray().Where(d => d.GetProperty("mandatory").GetBoolean()))
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(TestPng.Unique());
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(file, "file", "giay-to.png");
            var upload = await ApiAssert.OkAsync(await citizen.PostAsync("/api/dossiers/uploads", form));
            documents.Add(new { documentKey = document.GetProperty("key").GetString(), fileIds = new[] { upload.GetProperty("items")[0].GetProperty("id").GetGuid() } });
        }

        using var submit = new HttpRequestMessage(HttpMethod.Post, "/api/dossiers")
        {
            Content = JsonContent.Create(new
            {
                procedureCode = "1.001193",
                applicant = new { fullName = "Võ Thị Hạnh", phoneNumber = "0912345678", address = "8 Lê Lợi, Phường 1, thành phố Tây Ninh" },
                documents,
                delivery = new { method = "atOffice" },
            }),
        };
        submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var receipt = await ApiAssert.OkAsync(await citizen.SendAsync(submit));
        var dossierId = receipt.GetProperty("dossierId").GetGuid();
        var lookupPath = $"/api/public/dossiers/lookup/{receipt.GetProperty("dossierCode").GetString()}?secret={receipt.GetProperty("lookupSecret").GetString()}";

        var lighting = (await citizen.GetFromJsonAsync<JsonElement>("/api/public/field-reports/categories?pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == "an-toan-giao-thong").GetProperty("id").GetGuid();
        using var report = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports")
        {
            Content = JsonContent.Create(new { categoryId = lighting, title = "Xe đậu lấn đường", description = "Xe tải đậu lấn hết làn đường trước chợ.", address = "Đường Lê Lợi", area = "Phường 1", anonymous = false }),
        };
        report.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var reportId = (await ApiAssert.OkAsync(await citizen.SendAsync(report))).GetProperty("report").GetProperty("id").GetGuid();

        const string city = """'{"id": "0195a1f0-0000-7000-8000-000000000006", "code": "000.00.30.H57", "name": "Ủy ban nhân dân thành phố Tây Ninh", "level": "District", "parentId": "0195a1f0-0000-7000-8000-000000000001"}'""";
        await ExecuteAsync($"""
            INSERT INTO identity.mt_doc_agency (id, data, mt_dotnet_type, code) VALUES ('{FormerCity}', {city}::jsonb, 'Province.Modules.Identity.Data.Agency', '000.00.30.H57');
            UPDATE identity.mt_doc_staffmember SET agency_id = '{FormerCity}', data = jsonb_set(data, '{"{agencyId}"}', '"{FormerCity}"') WHERE user_name = 'binhminh.khoa';
            UPDATE dossiers.mt_doc_dossier SET agency_id = '{FormerCity}', data = data || '{"{"}"agencyId": "{FormerCity}", "agencyCode": "000.00.30.H57", "agencyName": "Ủy ban nhân dân thành phố Tây Ninh"{"}"}'::jsonb #- '{"{applicant,commune}"}' WHERE id = '{dossierId}';
            UPDATE dossiers.mt_doc_dossierqueueline SET agency_id = '{FormerCity}', data = data || '{"{"}"agencyId": "{FormerCity}", "agencyName": "Ủy ban nhân dân thành phố Tây Ninh"{"}"}'::jsonb WHERE id = '{dossierId}';
            UPDATE dossiers.mt_doc_dossierlookup SET data = data || '{"{"}"agencyName": "Ủy ban nhân dân thành phố Tây Ninh"{"}"}'::jsonb WHERE id = '{dossierId}';
            UPDATE field_reports.mt_doc_fieldreport SET agency_id = '{FormerCity}', area = 'Phường 1', data = data || '{"{"}"agencyId": "{FormerCity}", "area": "Phường 1"{"}"}'::jsonb WHERE id = '{reportId}';
            UPDATE field_reports.mt_doc_routingrule SET data = data || '{"{"}"agencyId": "{FormerCity}", "area": "Phường 1"{"}"}'::jsonb WHERE data ->> 'area' = 'Phường Tân Ninh';
            UPDATE appointments.mt_doc_office SET agency_id = '{FormerCity}', data = jsonb_set(data, '{"{agencyId}"}', '"{FormerCity}"') WHERE id = '{TanNinhOffice}';
            """);
        return (dossierId, lookupPath, reportId);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The scripts as an operator runs them: psql, stop at the first error.</summary>
    private async Task RunAsync(params string[] scripts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "build", "migrate-two-tier.sql")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var connection = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        var bin = Environment.GetEnvironmentVariable("PROVINCE_PG_BIN");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(bin) ? "psql" : Path.Combine(bin, "psql")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-X");
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add("ON_ERROR_STOP=1");
        foreach (var script in scripts)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(Path.Combine(directory.FullName, "build", script));
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password ?? "";
        start.Environment["PGDATABASE"] = connection.Database;
        using var psql = Process.Start(start)!;
        var output = psql.StandardOutput.ReadToEndAsync();
        var errors = psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        Assert.True(psql.ExitCode == 0, $"psql failed: {await errors}\n{await output}");
    }
}
