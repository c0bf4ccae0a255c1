using System.Collections.Concurrent;

namespace Province.Modules.Dossiers.Tests;

/// <summary>Dossier codes under a burst of submissions, and two officers acting on one dossier at once.</summary>
public sealed class ConcurrencyTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task Two_hundred_concurrent_submissions_get_two_hundred_distinct_well_formed_consecutive_codes()
    {
        const int count = 200;
        var bodies = new ConcurrentBag<(HttpClient Citizen, object Body)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var citizen = await app.CitizenAsync($"zalo-burst-{i}");
            bodies.Add((citizen, await BirthRegistrationAsync(citizen, salt: 1000 + i)));
        });

        // All at once: the submissions race for the ward's counter of the day.
        var responses = await Task.WhenAll(bodies.Select(b => SubmitAsync(b.Citizen, b.Body)));

        var codes = new List<string>();
        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            codes.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dossierCode").GetString()!);
        }

        Assert.Equal(count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches(HappyPathTests.CodePattern(), code));
        Assert.Single(codes.Select(c => c[..^5]).Distinct());
        var numbers = codes.Select(c => int.Parse(c[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        // No gaps and no repeats (another test of this class may have taken the day's first numbers).
        Assert.Equal(Enumerable.Range(numbers[0], count), numbers);
        Assert.Equal(count, await app.Database.ScalarAsync<int>("""SELECT count(*) FROM dossiers.mt_doc_dossier WHERE code = ANY(@codes)""", ("codes", codes.ToArray())));
    }

    [Fact]
    public async Task Two_officers_acting_on_one_dossier_at_once_cannot_both_win()
    {
        var citizen = await app.CitizenAsync("zalo-race");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 5000);
        var mai = await app.StaffAsync("tanninh.mai");
        var tuan = await app.StaffAsync("tanninh.tuan");
        var version = await VersionAsync(mai, id);

        var answers = await Task.WhenAll(
            mai.PostAsJsonAsync($"/api/staff/dossiers/{id}/accept", new { version }),
            tuan.PostAsJsonAsync($"/api/staff/dossiers/{id}/refuse", new { note = "Sai thẩm quyền", version }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        var history = await mai.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal(2, history.GetProperty("history").GetArrayLength());
    }
}
