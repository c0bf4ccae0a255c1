namespace Province.Modules.FieldReports.Tests;

/// <summary>Hỏi đáp: answered questions an agency makes public form a guide searchable without diacritics.</summary>
public sealed class QuestionsTests(FieldReportsApp app) : IClassFixture<FieldReportsApp>
{
    [Fact]
    public async Task A_public_answer_is_found_by_words_typed_without_diacritics_and_a_private_one_is_not()
    {
        var citizen = await app.CitizenAsync("zalo-question");
        async Task<Guid> AskAsync(string title, string text)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/field-reports/questions")
            {
                Content = JsonContent.Create(new { agencyId = TanNinhWard, title, text }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            };
            return (await OkAsync(await citizen.SendAsync(request))).GetProperty("id").GetGuid();
        }

        var shared = await AskAsync("Đăng ký tạm trú cho sinh viên", "Sinh viên thuê trọ ở phường cần giấy tờ gì để đăng ký tạm trú?");
        var personal = await AskAsync("Hồ sơ của tôi", "Hồ sơ tạm trú của tôi nộp tuần trước đã xong chưa?");
        var ward = await app.StaffAsync("tanninh.mai");
        var unanswered = await ward.GetFromJsonAsync<JsonElement>("/api/staff/field-reports/questions?status=pending");
        Assert.Equal(2, unanswered.GetProperty("total").GetInt32());
        Assert.All(unanswered.GetProperty("items").EnumerateArray(), q => Assert.Equal(["answer", "moderate"], q.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString())));
        await OkAsync(await ward.PostAsJsonAsync($"/api/staff/field-reports/questions/{shared}/answer",
            new { answer = "Mang CCCD và hợp đồng thuê nhà đến Công an phường, hoặc khai trên ứng dụng VNeID.", @public = true }));
        await OkAsync(await ward.PostAsJsonAsync($"/api/staff/field-reports/questions/{personal}/answer", new { answer = "Đã xong, mời bạn nhận kết quả.", @public = false }));

        using var anonymous = app.CreateClient();
        var found = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/field-reports/questions?q=tam%20tru%20sinh%20vien");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Contains("VNeID", found.GetProperty("items")[0].GetProperty("answer").GetString(), StringComparison.Ordinal);
        var all = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/field-reports/questions?q=tam%20tru");
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), q => q.GetProperty("id").GetGuid() == personal);
        var outsider = await app.StaffAsync("tuphap.lan");
        await ProblemAsync(await outsider.PostAsJsonAsync($"/api/staff/field-reports/questions/{shared}/answer", new { answer = "x", @public = true }),
            HttpStatusCode.NotFound, "question.not_found");
    }
}
