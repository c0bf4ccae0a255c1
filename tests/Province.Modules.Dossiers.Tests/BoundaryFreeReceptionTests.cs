namespace Province.Modules.Dossiers.Tests;

/// <summary>
/// Decree 118/2025/NĐ-CP: a procedure not bound to the administrative boundary may be handed in at any one-stop office
/// of the province, which passes it on to the competent agency; the others only at the competent agency's.
/// </summary>
public sealed class BoundaryFreeReceptionTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    private const string CriminalRecordCertificate = "2.000488";
    private static readonly Guid BinhMinhWard = Guid.Parse("0195a1f0-0000-7000-8000-000000000010");

    private static async Task<object> BodyAsync(HttpClient citizen, string procedureCode, Guid? receivingAgencyId)
    {
        var procedure = await citizen.GetFromJsonAsync<JsonElement>($"/api/public/dossiers/procedures/{procedureCode}");
        var documents = new List<object>();
        foreach (var document in procedure.GetProperty("requiredDocuments").EnumerateArray().Where(d => d.GetProperty("mandatory").GetBoolean()))
        {
            documents.Add(new { documentKey = document.GetProperty("key").GetString(), fileIds = new[] { await UploadIdAsync(citizen, 700 + documents.Count) } });
        }

        return new
        {
            procedureCode,
            applicant = new { fullName = "Lê Thị Thu", phoneNumber = "0912345678", address = "45 Cách Mạng Tháng Tám, Phường 1, thành phố Tây Ninh" },
            documents,
            delivery = new { method = "atOffice" },
            receivingAgencyId,
        };
    }

    [Fact]
    public async Task A_boundary_free_dossier_received_at_a_ward_office_ends_in_the_competent_departments_queue_with_the_transfer_in_its_history()
    {
        var citizen = await app.CitizenAsync("zalo-boundary-free");
        var procedure = await citizen.GetFromJsonAsync<JsonElement>($"/api/public/dossiers/procedures/{CriminalRecordCertificate}");
        Assert.True(procedure.GetProperty("notBoundToBoundary").GetBoolean());
        Assert.Equal(JusticeDepartment, procedure.GetProperty("agencyId").GetGuid());

        var response = await SubmitAsync(citizen, await BodyAsync(citizen, CriminalRecordCertificate, TanNinhWard));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = receipt.GetProperty("dossierId").GetGuid();
        // The ward's office received it and issued the receipt (with its own code); the department decides it.
        Assert.StartsWith("000.30.01.H57-", receipt.GetProperty("dossierCode").GetString(), StringComparison.Ordinal);
        Assert.Equal("Sở Tư pháp tỉnh Tây Ninh", receipt.GetProperty("agencyName").GetString());
        Assert.Contains(receipt.GetProperty("lines").EnumerateArray(), l => l.GetString()!.StartsWith("Ủy ban nhân dân phường Tân Ninh đã nhận hồ sơ", StringComparison.Ordinal));

        var justice = await app.StaffAsync("tuphap.lan");
        var queue = await justice.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        var ward = await app.StaffAsync("tanninh.mai");
        var wardQueue = await ward.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/queue?pageSize=100");
        Assert.DoesNotContain(wardQueue.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);

        var detail = await justice.GetFromJsonAsync<JsonElement>($"/api/staff/dossiers/{id}");
        Assert.Equal(JusticeDepartment, detail.GetProperty("agencyId").GetGuid());
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", detail.GetProperty("receivingAgencyName").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Contains("Tân Ninh", history[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Ủy ban nhân dân phường Tân Ninh", history[1].GetProperty("actor").GetString());
        Assert.Contains("chuyển hồ sơ đến Sở Tư pháp tỉnh Tây Ninh", history[1].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.Database.ScalarAsync<int>(
            """SELECT count(*) FROM dossiers.mt_events WHERE stream_id = @id AND mt_dotnet_type LIKE '%DossierTransferred%'""", ("id", id)));
        // The applicant's old address is filed under the ward it is in now.
        Assert.Equal("Phường Tân Ninh", detail.GetProperty("applicant").GetProperty("commune").GetString());

        // The department works it as its own dossier.
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(justice, id, "accept")).StatusCode);
    }

    [Fact]
    public async Task A_procedure_bound_to_the_boundary_is_refused_at_another_communes_office_and_nothing_is_saved()
    {
        var citizen = await app.CitizenAsync("zalo-boundary-bound");
        var before = await app.Database.ScalarAsync<long>("SELECT count(*) FROM dossiers.mt_doc_dossier");

        var response = await SubmitAsync(citizen, await BodyAsync(citizen, BirthRegistration, BinhMinhWard));

        await ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "dossier.bound_to_boundary");
        Assert.Equal(before, await app.Database.ScalarAsync<long>("SELECT count(*) FROM dossiers.mt_doc_dossier"));
    }
}
