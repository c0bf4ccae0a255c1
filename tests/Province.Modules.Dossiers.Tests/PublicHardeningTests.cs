using System.Net.Http.Headers;
using Province.BuildingBlocks.Files;

namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Issue 16, findings 3, 8 and 9 for dossiers: the public lookup needs the secret printed on the receipt and shows
/// nothing personal; uploads lose their metadata, a JPEG that carries a web page is refused, file names lose bidi
/// overrides; an apology cannot move the return date past the extension cap.
/// </summary>
public sealed class PublicHardeningTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task The_public_lookup_needs_the_receipts_secret_and_answers_a_wrong_code_and_a_wrong_secret_alike()
    {
        var citizen = await app.CitizenAsync("zalo-hardening-lookup", "Trần Thị Lan");
        var response = await SubmitAsync(citizen, await BirthRegistrationAsync(citizen, "Trần Thị Lan", salt: 31));
        var receipt = await OkAsync(response);
        var code = receipt.GetProperty("dossierCode").GetString()!;
        var secret = receipt.GetProperty("lookupSecret").GetString()!;
        Assert.Equal(8, secret.Length);
        using var anonymous = app.CreateClient();

        // The code alone (what counting through sequential codes gives) is not enough.
        var withoutSecret = await ProblemAsync(await anonymous.GetAsync(new Uri($"/api/public/dossiers/lookup/{code}", UriKind.Relative)), HttpStatusCode.NotFound);
        var wrongSecret = await ProblemAsync(await anonymous.GetAsync(new Uri($"/api/public/dossiers/lookup/{code}?secret=ABCDEFGH", UriKind.Relative)), HttpStatusCode.NotFound);
        var wrongCode = await ProblemAsync(await anonymous.GetAsync(new Uri($"/api/public/dossiers/lookup/{code[..^1]}X?secret={secret}", UriKind.Relative)), HttpStatusCode.NotFound);
        Assert.Equal(wrongCode.GetProperty("detail").GetString(), wrongSecret.GetProperty("detail").GetString());
        Assert.Equal(wrongCode.GetProperty("code").GetString(), withoutSecret.GetProperty("code").GetString());

        // Code and secret (typed in lower case with a dash too): status and dates, nothing about the person.
        var lookup = await OkAsync(await anonymous.GetAsync(new Uri($"/api/public/dossiers/lookup/{code}?secret={secret[..4].ToLowerInvariant()}-{secret[4..]}", UriKind.Relative)));
        Assert.Equal(code, lookup.GetProperty("code").GetString());
        var text = lookup.GetRawText();
        Assert.DoesNotContain("Lan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Trần", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0912345678", text, StringComparison.Ordinal);
        Assert.False(lookup.TryGetProperty("applicantName", out _));
    }

    [Fact]
    public async Task A_dossier_photo_loses_its_gps_and_camera_a_jpeg_carrying_html_is_refused_and_bidi_leaves_the_file_name()
    {
        var citizen = await app.CitizenAsync("zalo-hardening-upload");
        var uploaded = (await OkAsync(await UploadAsync(citizen, TestJpeg.WithGpsExif(camera: "Xiaomi 2201117TG"), "cccd\u202Egnp.exe", "/api/dossiers/uploads"))).GetProperty("items")[0];
        Assert.Equal("cccdgnp.exe", uploaded.GetProperty("fileName").GetString());
        var key = await app.Database.ScalarAsync<string>("""SELECT data ->> 'storageKey' FROM dossiers.mt_doc_dossierfile WHERE id = @id""", ("id", uploaded.GetProperty("id").GetGuid()));
        var stored = await File.ReadAllBytesAsync(Path.Combine(app.FilesDirectory, key));
        Assert.False(JpegMetadata.HasExif(stored));
        Assert.Equal(-1, stored.AsSpan().IndexOf(TestJpeg.CameraBytes("Xiaomi 2201117TG")));
        Assert.Equal(stored.Length, uploaded.GetProperty("size").GetInt64());

        // A JPEG's first bytes, then a page: a sniffing browser would run it.
        byte[] polyglot = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            .. "<html><body><script>fetch('/api/identity/me')</script></body></html>"u8];
        var refused = await ProblemAsync(await UploadAsync(citizen, polyglot, "anh.jpg"), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("file.markup", refused.GetProperty("code").GetString());

        // A PNG whose text chunk carries the page is refused too; one whose text chunk is only an author loses it.
        await ProblemAsync(await UploadAsync(citizen, TestPng.Create([1, 2, 3], "Comment\0<script>alert(1)</script>"u8), "anh.png"), HttpStatusCode.UnsupportedMediaType);
        var png = (await OkAsync(await UploadAsync(citizen, TestPng.Create([4, 5, 6], "Author\0Nguyen Van An"u8), "anh.png"))).GetProperty("items")[0];
        var pngKey = await app.Database.ScalarAsync<string>("""SELECT data ->> 'storageKey' FROM dossiers.mt_doc_dossierfile WHERE id = @id""", ("id", png.GetProperty("id").GetGuid()));
        Assert.Equal(-1, (await File.ReadAllBytesAsync(Path.Combine(app.FilesDirectory, pngKey))).AsSpan().IndexOf("Nguyen Van An"u8));

        // A PNG signature followed by anything else is not a PNG.
        await ProblemAsync(await UploadAsync(citizen, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "tờ khai"u8], "to-khai.png"), HttpStatusCode.UnsupportedMediaType, "file.corrupt");
    }
}

/// <summary>Its own host, for its own clock.</summary>
public sealed class ApologyCapTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    [Fact]
    public async Task An_apology_cannot_move_the_return_date_past_the_extension_cap()
    {
        app.Clock.Set(new DateTime(2026, 6, 1, 9, 0, 0));
        var citizen = await app.CitizenAsync("zalo-hardening-apology");
        var (id, _) = await SubmitBirthRegistrationAsync(citizen, salt: 41);
        var officer = await app.StaffAsync("tanninh.mai");
        await OkAsync(await ActAsync(officer, id, "accept"));
        app.Clock.Set(new DateTime(2026, 6, 10, 9, 0, 0));
        // Signed in again: a staff token lasts hours, and the clock moved days.
        officer = await app.StaffAsync("tanninh.mai");
        citizen = await app.CitizenAsync("zalo-hardening-apology");

        await ProblemAsync(await ActAsync(officer, id, "apologize", new { newDueDate = "9999-12-31", note = "Chậm" }), HttpStatusCode.BadRequest, "validation.failed");
        await ProblemAsync(await ActAsync(officer, id, "apologize", new { newDueDate = "2026-12-01", note = "Chậm" }), HttpStatusCode.UnprocessableEntity, "dossier.new_due_date_too_far");
        var mine = await citizen.GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");
        Assert.Empty(mine.GetProperty("apologies").EnumerateArray());

        var apology = await OkAsync(await ActAsync(officer, id, "apologize", new { newDueDate = "2026-06-15", note = "Chờ xác minh" }));
        Assert.Equal("2026-06-15", apology.GetProperty("dueAt").GetString()![..10]);
    }
}
