namespace Province.Modules.FieldReports.Tests;

/// <summary>
/// Issue 16, finding 6: photos not yet sent with a report are bounded per citizen and deleted, file and record, after
/// their retention; photos of a report stay.
/// </summary>
public sealed class PendingPhotoTests(PendingPhotoTests.SmallQuotaApp app) : IClassFixture<PendingPhotoTests.SmallQuotaApp>
{
    /// <summary>Two pending photos per citizen; the cleanup looks every 200 ms.</summary>
    public sealed class SmallQuotaApp : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["FieldReports:PendingUploads:MaxFilesPerCitizen"] = "2",
            ["FieldReports:PendingUploads:Retention"] = "1.00:00:00",
            ["FieldReports:PendingUploads:CleanupInterval"] = "00:00:00.200",
        };
    }

    [Fact]
    public async Task A_citizen_holds_at_most_the_quota_of_unsent_photos()
    {
        var citizen = await app.CitizenAsync("zalo-photo-quota-1");
        await UploadPhotoAsync(citizen, TestJpeg.WithoutMetadata());
        await UploadPhotoAsync(citizen, TestJpeg.WithoutMetadata());
        var before = await RowsAsync();

        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestJpeg.WithoutMetadata()), "file", "anh.jpg" } };
        var problem = await ProblemAsync(await citizen.PostAsync("/api/field-reports/uploads", form), HttpStatusCode.TooManyRequests, "upload.quota_files");

        Assert.Contains("tối đa 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task Unsent_photos_are_deleted_file_and_record_after_the_retention_and_a_reports_photo_stays()
    {
        var citizen = await app.CitizenAsync("zalo-photo-cleanup-1");
        var sent = await UploadPhotoAsync(citizen, TestJpeg.WithoutMetadata());
        var report = await SubmitAsync(citizen, await CategoryAsync(citizen, "moi-truong"), photoIds: [sent]);
        var unsent = await UploadPhotoAsync(citizen, TestJpeg.WithoutMetadata());
        var filesBefore = StoredFiles();
        using var anonymous = app.CreateClient();

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await Eventually.GetAsync(
            () => app.Database.ScalarAsync<long>($"SELECT count(*) FROM field_reports.mt_doc_reportphoto WHERE id = '{unsent}'"),
            count => count == 0, waitingFor: "the unsent photo's record deleted");
        await Eventually.GetAsync(() => Task.FromResult(StoredFiles()), count => count == filesBefore - 1, waitingFor: "the unsent photo's file deleted");
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM field_reports.mt_doc_reportphoto WHERE id = '{sent}'"));
        var link = (await citizen.GetFromJsonAsync<JsonElement>($"/api/field-reports/{Id(report)}")).GetProperty("report").GetProperty("photos")[0].GetProperty("url").GetString();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode);
    }

    private Task<long> RowsAsync() => app.Database.ScalarAsync<long>("SELECT count(*) FROM field_reports.mt_doc_reportphoto");

    private int StoredFiles() =>
        Directory.Exists(app.FilesDirectory) ? Directory.EnumerateFiles(app.FilesDirectory, "*", SearchOption.AllDirectories).Count() : 0;
}
