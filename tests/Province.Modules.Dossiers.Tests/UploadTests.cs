namespace Province.Modules.Dossiers.Tests;

/// <summary>Uploads are judged by their bytes and size, never by their name.</summary>
public sealed class UploadTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task A_renamed_executable_is_refused_with_a_clear_message_and_not_stored()
    {
        var citizen = await app.CitizenAsync("zalo-upload-1");
        byte[] program = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, .. new byte[200]];
        var rowsBefore = await app.Database.ScalarAsync<int>("SELECT count(*) FROM dossiers.mt_doc_dossierfile");
        var filesBefore = StoredFiles();

        var problem = await ProblemAsync(await UploadAsync(citizen, program, "anh-cccd.jpg"), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("file.executable", problem.GetProperty("code").GetString());
        Assert.Contains("chương trình", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(rowsBefore, await app.Database.ScalarAsync<int>("SELECT count(*) FROM dossiers.mt_doc_dossierfile"));
        Assert.Equal(filesBefore, StoredFiles());
    }

    private int StoredFiles() =>
        Directory.Exists(app.FilesDirectory) ? Directory.EnumerateFiles(app.FilesDirectory, "*", SearchOption.AllDirectories).Count() : 0;

    [Fact]
    public async Task A_file_that_is_neither_photo_nor_pdf_is_refused()
    {
        var citizen = await app.CitizenAsync("zalo-upload-2");

        var problem = await ProblemAsync(await UploadAsync(citizen, "<html><script>alert(1)</script></html>"u8.ToArray(), "giay-to.pdf"), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("file.type_not_allowed", problem.GetProperty("code").GetString());
        Assert.Contains("JPEG, PNG, WebP", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_with_the_limit_in_the_message()
    {
        var citizen = await app.CitizenAsync("zalo-upload-3");
        var huge = new byte[11 * 1024 * 1024];
        Png().CopyTo(huge, 0);

        var problem = await ProblemAsync(await UploadAsync(citizen, huge, "anh-chup.png"), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("file.too_large", problem.GetProperty("code").GetString());
        Assert.Contains("10 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_and_a_jpeg_pass_and_the_same_bytes_uploaded_again_give_the_same_upload()
    {
        var citizen = await app.CitizenAsync("zalo-upload-4");
        var jpeg = TestJpeg.WithoutMetadata();

        var pdf = await UploadAsync(citizen, "%PDF-1.7\n%âãÏÓ\n1 0 obj<<>>endobj\n"u8.ToArray(), "to-khai.pdf");
        var first = await UploadAsync(citizen, jpeg, "cccd.jpg");
        var retry = await UploadAsync(citizen, jpeg, "cccd.jpg");

        Assert.Equal("application/pdf", (await OkAsync(pdf)).GetProperty("items")[0].GetProperty("contentType").GetString());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_submission_missing_a_mandatory_document_names_it_in_Vietnamese()
    {
        var citizen = await app.CitizenAsync("zalo-upload-5");
        var body = JsonSerializer.SerializeToNode(await BirthRegistrationAsync(citizen, salt: 5), JsonSerializerOptions.Web)!;
        body["documents"]!.AsArray().RemoveAt(0);
        if (body["documents"]!.AsArray().Count == 0)
        {
            body["documents"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["documentKey"] = "99", ["fileIds"] = new System.Text.Json.Nodes.JsonArray(Guid.NewGuid().ToString()) });
        }

        var problem = await ProblemAsync(await SubmitAsync(citizen, body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("documents", out var errors));
        Assert.Matches("(Còn thiếu giấy tờ bắt buộc|không có giấy tờ mã)", errors[0].GetString()!);
    }
}
