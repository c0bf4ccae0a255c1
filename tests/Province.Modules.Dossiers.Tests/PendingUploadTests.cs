namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Issue 16, finding 6: a citizen's uploads not yet submitted are bounded (files and bytes per citizen) and deleted,
/// file and record, after their retention; submitted ones stay.
/// </summary>
public sealed class PendingUploadTests(PendingUploadTests.SmallQuotaApp app) : IClassFixture<PendingUploadTests.SmallQuotaApp>
{
    /// <summary>Three pending files or 1 MB per citizen; the cleanup looks every 200 ms.</summary>
    public sealed class SmallQuotaApp : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Dossiers:PendingUploads:MaxFilesPerCitizen"] = "3",
            ["Dossiers:PendingUploads:MaxBytesPerCitizen"] = "1048576",
            ["Dossiers:PendingUploads:Retention"] = "1.00:00:00",
            ["Dossiers:PendingUploads:CleanupInterval"] = "00:00:00.200",
        };
    }

    [Fact]
    public async Task A_citizen_holds_at_most_the_quota_of_unsubmitted_uploads_and_another_citizen_is_not_affected()
    {
        var citizen = await app.CitizenAsync("zalo-quota-1");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await UploadAsync(citizen, Png(1000 + i))).StatusCode);
        }

        var rows = await PendingRowsAsync();
        var fourth = await ProblemAsync(await UploadAsync(citizen, Png(1003)), HttpStatusCode.TooManyRequests, "upload.quota_files");
        Assert.Contains("tối đa 3", fourth.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(rows, await PendingRowsAsync());

        // Bytes: a 900 KB PDF fits beside nothing else of this citizen's, a second one does not.
        var other = await app.CitizenAsync("zalo-quota-2");
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(other, Pdf(900 * 1024, 1), "to-khai.pdf")).StatusCode);
        await ProblemAsync(await UploadAsync(other, Pdf(900 * 1024, 2), "to-khai-2.pdf"), HttpStatusCode.TooManyRequests, "upload.quota_bytes");
    }

    [Fact]
    public async Task Unsubmitted_uploads_are_deleted_file_and_record_after_the_retention_and_submitted_ones_stay()
    {
        var citizen = await app.CitizenAsync("zalo-cleanup-1");
        var submitted = await SubmitBirthRegistrationAsync(citizen, salt: 77);
        var left = await UploadIdAsync(citizen, salt: 78);
        var keptFiles = await AttachedFileCountAsync(submitted.Id);
        Assert.True(keptFiles > 0);
        var filesBefore = StoredFiles();
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM dossiers.mt_doc_dossierfile WHERE id = '{left}'"));

        // A day and a minute later, the cleanup (every 200 ms) has deleted the unsubmitted upload and its file.
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Eventually.GetAsync(
            () => app.Database.ScalarAsync<long>($"SELECT count(*) FROM dossiers.mt_doc_dossierfile WHERE id = '{left}'"),
            count => count == 0, waitingFor: "the expired upload's record deleted");
        await Eventually.GetAsync(() => Task.FromResult(StoredFiles()), count => count == filesBefore - 1, waitingFor: "the expired upload's file deleted");

        Assert.Equal(keptFiles, await AttachedFileCountAsync(submitted.Id));
        var dossier = await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{submitted.Id}");
        foreach (var file in dossier.GetProperty("files").EnumerateArray())
        {
            var download = await citizen.GetAsync($"/api/dossiers/{submitted.Id}/files/{file.GetProperty("id").GetGuid()}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

    }

    private Task<long> AttachedFileCountAsync(Guid dossierId) =>
        app.Database.ScalarAsync<long>($"SELECT count(*) FROM dossiers.mt_doc_dossierfile WHERE dossier_id = '{dossierId}'");

    private Task<long> PendingRowsAsync() =>
        app.Database.ScalarAsync<long>("SELECT count(*) FROM dossiers.mt_doc_dossierfile WHERE dossier_id IS NULL");

    private int StoredFiles() =>
        Directory.Exists(app.FilesDirectory) ? Directory.EnumerateFiles(app.FilesDirectory, "*", SearchOption.AllDirectories).Count() : 0;

    private static byte[] Pdf(int size, int salt)
    {
        var pdf = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        BitConverter.GetBytes(salt).CopyTo(pdf, 16);
        return pdf;
    }
}
