namespace Province.Modules.Dossiers.Tests;

/// <summary>Every action from a status it does not start from is refused with 409, a stable code and a Vietnamese reason.</summary>
public sealed class IllegalTransitionTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    /// <summary>How to bring a new dossier to each status (officer actions in order).</summary>
    private static readonly Dictionary<int, (string Action, object? Body)[]> PathTo = new()
    {
        [1] = [],
        [2] = [("accept", null)],
        [3] = [("refuse", new { note = "Sai thẩm quyền" })],
        [4] = [("accept", null), ("assign", null)],
        [5] = [("accept", null), ("request-supplement", new { note = "Thiếu giấy chứng sinh bản chính" })],
        [6] = [("accept", null), ("request-fee", new { amount = 8000, note = "Lệ phí" })],
        [8] = [("accept", null), ("stop", new { note = "Công dân không bổ sung" })],
        [9] = [("accept", null), ("assign", null), ("complete", new { note = "Trả bản chính tại quầy" })],
        [10] = [("accept", null), ("assign", null), ("complete", new { note = "Trả bản chính tại quầy" }), ("return-result", null)],
    };

    /// <summary>Each officer action and the statuses it may start from.</summary>
    private static readonly (string Action, object? Body, int[] AllowedFrom)[] Actions =
    [
        ("accept", null, [1]),
        ("refuse", new { note = "Không thuộc thẩm quyền" }, [1]),
        ("assign", null, [2, 4]),
        ("request-supplement", new { note = "Thiếu giấy tờ" }, [2, 4]),
        ("request-fee", new { amount = 8000, note = "Lệ phí" }, [2, 4]),
        ("confirm-fee-payment", null, [6]),
        ("complete", new { note = "Bản chính trả tại quầy" }, [4]),
        ("return-result", null, [9]),
        ("stop", new { note = "Dừng" }, [2, 4, 5, 6]),
        ("extend-deadline", new { workingDays = 2, note = "Cần xác minh" }, [2, 4, 5, 6]),
    ];

    public static TheoryData<int> Statuses => [1, 2, 3, 4, 5, 6, 8, 9, 10];

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Every_officer_action_not_allowed_from_a_status_answers_409_and_leaves_the_dossier_as_it_was(int status)
    {
        var officer = await app.StaffAsync("tanninh.mai");
        var citizen = await app.CitizenAsync($"zalo-illegal-{status}");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: status);
        await BringToAsync(officer, id, status);

        foreach (var (action, body, allowedFrom) in Actions.Where(a => !a.AllowedFrom.Contains(status)))
        {
            var versionBefore = await VersionAsync(officer, id);
            var problem = await ProblemAsync(await ActAsync(officer, id, action, await BodyAsync(officer, action, body)), HttpStatusCode.Conflict);
            Assert.Equal("dossier.illegal_transition", problem.GetProperty("code").GetString());
            Assert.StartsWith("Không thể", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(versionBefore, await VersionAsync(officer, id));
        }
    }

    [Fact]
    public async Task A_citizen_cannot_withdraw_a_dossier_that_has_its_result_nor_supplement_one_not_asked_for()
    {
        var officer = await app.StaffAsync("tanninh.mai");
        var citizen = await app.CitizenAsync("zalo-illegal-citizen");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 77);

        var supplement = await citizen.PostAsJsonAsync($"/api/dossiers/{id}/supplements",
            new { documents = new[] { new { documentKey = "1", fileIds = new[] { await UploadIdAsync(citizen, 9901) } } }, version = 0 });
        Assert.Equal("dossier.illegal_transition", (await ProblemAsync(supplement, HttpStatusCode.Conflict)).GetProperty("code").GetString());

        await BringToAsync(officer, id, 9);
        var version = await VersionAsync(officer, id);
        var withdraw = await citizen.PostAsJsonAsync($"/api/dossiers/{id}/withdraw", new { message = "Không cần nữa", version });
        var problem = await ProblemAsync(withdraw, HttpStatusCode.Conflict);
        Assert.Contains("Đã xử lý xong", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citizen_can_withdraw_an_open_dossier_and_nothing_more_happens_to_it()
    {
        var officer = await app.StaffAsync("tanninh.mai");
        var citizen = await app.CitizenAsync("zalo-withdraw");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 78);
        await BringToAsync(officer, id, 2);

        var version = await VersionAsync(officer, id);
        var withdrawn = await OkAsync(await citizen.PostAsJsonAsync($"/api/dossiers/{id}/withdraw", new { message = "Nộp nhầm thủ tục", version }));
        Assert.Equal("withdrawalRequested", withdrawn.GetProperty("status").GetString());
        Assert.Empty(withdrawn.GetProperty("allowedActions").EnumerateArray());

        foreach (var (action, body, _) in Actions)
        {
            await ProblemAsync(await ActAsync(officer, id, action, await BodyAsync(officer, action, body)), HttpStatusCode.Conflict);
        }
    }

    private async Task BringToAsync(HttpClient officer, Guid id, int status)
    {
        foreach (var (action, body) in PathTo[status])
        {
            await OkAsync(await ActAsync(officer, id, action, await BodyAsync(officer, action, body)));
        }
    }

    /// <summary>The assignment needs a real officer of the agency; every other action's body is fixed.</summary>
    private static async Task<object?> BodyAsync(HttpClient officer, string action, object? body)
    {
        if (action != "assign")
        {
            return body;
        }

        var officers = await officer.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/staff/identity/agencies/{TanNinhWard}/staff");
        return new { staffId = officers.GetProperty("items")[0].GetProperty("id").GetGuid() };
    }
}
