using Marten;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Tracking;

/// <summary>A dossier in a list.</summary>
internal sealed record DossierSummaryResponse(
    Guid Id,
    string Code,
    string ProcedureCode,
    string ProcedureName,
    string AgencyName,
    int Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateOnly DueDate,
    string Timeliness,
    int Version)
{
    public static DossierSummaryResponse From(Dossier d, DeadlinePolicy deadlines) => new(
        d.Id, d.Code, d.ProcedureCode, d.ProcedureName, d.AgencyName, (int)d.Status, d.Status.Text(),
        d.SubmittedAt.ToVietnamTime(), d.DueDate, TimelinessName(deadlines.Of(d.Status, d.DueDate)), d.Revision);

    internal static string TimelinessName(Timeliness timeliness) => timeliness switch
    {
        Deadlines.Timeliness.OnTime => "onTime",
        Deadlines.Timeliness.DueSoon => "dueSoon",
        Deadlines.Timeliness.Overdue => "overdue",
        Deadlines.Timeliness.Paused => "paused",
        _ => "closed",
    };
}

/// <summary>One step of the history as the citizen reads it.</summary>
internal sealed record HistoryEntryResponse(DateTimeOffset At, string Actor, int? FromStatus, int ToStatus, string StatusText, string Description, string? Note)
{
    public static HistoryEntryResponse From(StepFacts h) => new(
        h.At.ToVietnamTime(), h.ActorName, (int?)h.FromStatus, (int)h.ToStatus, h.ToStatus.Text(), h.Description, h.Note);
}

internal sealed record DossierFileResponse(Guid Id, string Purpose, string? DocumentKey, string FileName, string ContentType, long Size)
{
    public static DossierFileResponse From(DossierFile f) => new(
        f.Id, f.Purpose switch { DossierFilePurpose.Result => "result", DossierFilePurpose.Supplement => "supplement", _ => "application" },
        f.RequiredDocumentKey, f.FileName, f.ContentType, f.Size);
}

/// <summary><see cref="Commune"/>: the commune the address is in now (resolved also from an old address), when known.</summary>
internal sealed record ApplicantResponse(string FullName, DateOnly? DateOfBirth, string? CitizenIdNumber, string? PhoneNumber, string? Email, string? Address, string? Commune);

internal sealed record ApologyResponse(DateOnly PreviousDueDate, DateOnly NewDueDate, string Letter, DateTimeOffset IssuedAt);

/// <summary>Everything about one dossier, for its owner and for the officers handling it.</summary>
internal sealed record DossierDetailResponse(
    Guid Id,
    string Code,
    string ProcedureCode,
    string ProcedureName,
    string Field,
    Guid AgencyId,
    string AgencyName,
    string? ReceivingAgencyName,
    ApplicantResponse Applicant,
    string? Summary,
    string Delivery,
    string? DeliveryAddress,
    int Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateOnly DueDate,
    string Timeliness,
    string? AssignedOfficerName,
    string? SupplementRequest,
    long? FeeAmount,
    string? FeeDescription,
    string? ResultNote,
    IReadOnlyList<DossierFileResponse> Files,
    IReadOnlyList<HistoryEntryResponse> History,
    IReadOnlyList<ApologyResponse> Apologies,
    int Version)
{
    /// <summary>
    /// The dossier, its files and its history (the steps of its event stream, read in one round trip with
    /// the rest); null when it does not exist or <paramref name="visible"/> says the reader may not see it.
    /// </summary>
    public static async Task<DossierDetailResponse?> LoadAsync(IQuerySession session, Guid id, Func<Dossier, bool> visible, DeadlinePolicy deadlines,
        CancellationToken cancellationToken)
    {
        var batch = session.CreateBatchQuery();
        var dossier = batch.Load<Dossier>(id);
        var files = batch.Query<DossierFile>().Where(f => f.DossierId == id).ToList();
        var events = batch.Events.FetchStream(id, 0, null, 0);
        await batch.Execute(cancellationToken);
        var found = await dossier;
        if (found is null || !visible(found))
        {
            return null;
        }

        var history = (await events).OrderBy(e => e.Version).Select(e => e.Data).OfType<IDossierStep>().Select(e => e.Step);
        return From(found, await files, history, deadlines);
    }

    public static DossierDetailResponse From(Dossier d, IEnumerable<DossierFile> files, IEnumerable<StepFacts> history, DeadlinePolicy deadlines) => new(
        d.Id, d.Code, d.ProcedureCode, d.ProcedureName, d.Field, d.AgencyId, d.AgencyName, d.ReceivingAgencyName,
        new ApplicantResponse(d.Applicant.FullName, d.Applicant.DateOfBirth, d.Applicant.CitizenIdNumber, d.Applicant.PhoneNumber, d.Applicant.Email, d.Applicant.Address, d.Applicant.Commune),
        d.Summary,
        d.Delivery == ResultDelivery.PublicPostal ? "publicPostal" : "atOffice",
        d.DeliveryAddress,
        (int)d.Status, d.Status.Text(), d.SubmittedAt.ToVietnamTime(), d.AcceptedAt?.ToVietnamTime(), d.DueDate,
        DossierSummaryResponse.TimelinessName(deadlines.Of(d.Status, d.DueDate)),
        d.AssignedOfficerName, d.SupplementRequest, d.FeeAmount, d.FeeDescription, d.ResultNote,
        [.. files.OrderBy(f => f.UploadedAt).Select(DossierFileResponse.From)],
        [.. history.Select(HistoryEntryResponse.From)],
        [.. d.Apologies.OrderBy(a => a.IssuedAt).Select(a => new ApologyResponse(a.PreviousDueDate, a.NewDueDate, a.Letter, a.IssuedAt.ToVietnamTime()))],
        d.Revision);
}
