using Marten;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.BuildingBlocks.Files;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Processing;

namespace Province.Modules.Dossiers.Tracking;

/// <summary>A dossier in the citizen's list: names beside ids, the status as a name with its text, and what the citizen may do now.</summary>
internal sealed record DossierSummaryResponse(
    Guid Id,
    string Code,
    string ProcedureCode,
    string ProcedureName,
    Guid AgencyId,
    string AgencyName,
    string Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    string Timeliness,
    IReadOnlyList<string> AllowedActions,
    int Version)
{
    public static DossierSummaryResponse From(Dossier d, DeadlinePolicy deadlines) => new(
        d.Id, d.Code, d.ProcedureCode, d.ProcedureName, d.AgencyId, d.AgencyName, d.Status.Name(), d.Status.Text(),
        d.SubmittedAt.ToVietnamTime(), DossierStatusTexts.DueAt(d.DueDate), TimelinessName(deadlines.Of(d.Status, d.DueDate)),
        DossierWorkflow.AllowedActions(d, DossierReader.Citizen, deadlines), d.Revision);

    internal static string TimelinessName(Timeliness timeliness) => timeliness switch
    {
        Deadlines.Timeliness.OnTime => "onTime",
        Deadlines.Timeliness.DueSoon => "dueSoon",
        Deadlines.Timeliness.Overdue => "overdue",
        Deadlines.Timeliness.Paused => "paused",
        _ => "closed",
    };
}

/// <summary>One step of the history as the citizen reads it; <see cref="Note"/> is the staff's or the citizen's own words.</summary>
internal sealed record HistoryEntryResponse(DateTimeOffset At, string Actor, string? FromStatus, string ToStatus, string StatusText, string Description, string? Note)
{
    public static HistoryEntryResponse From(StepFacts h) => new(
        h.At.ToVietnamTime(), h.ActorName, h.FromStatus?.Name(), h.ToStatus.Name(), h.ToStatus.Text(), h.Description, h.Note);
}

/// <summary>
/// A file of the dossier in the one upload shape (<see cref="UploadedFileResponse"/>: id, fileName, contentType, size,
/// url) plus what it is for; <see cref="Url"/> is a short-lived signed link a browser opens without headers.
/// </summary>
internal sealed record DossierFileResponse(Guid Id, string FileName, string ContentType, long Size, string Url, string Purpose, string? DocumentKey)
{
    public static DossierFileResponse From(DossierFile f, SignedLinks links) => new(
        f.Id, f.FileName, f.ContentType, f.Size, links.Create(FileLinks.ContentPath(f.DossierId!.Value, f.Id)),
        f.Purpose switch { DossierFilePurpose.Result => "result", DossierFilePurpose.Supplement => "supplement", _ => "application" },
        f.RequiredDocumentKey);
}

/// <summary>The paths signed links open (<see cref="SignedLinks"/>); the endpoints answer a valid link and nothing else.</summary>
internal static class FileLinks
{
    public static string ContentPath(Guid dossierId, Guid fileId) => $"/api/dossiers/{dossierId}/files/{fileId}/content";

    public static string ReceiptQrPath(Guid dossierId, string format) => $"/api/dossiers/{dossierId}/receipt/qr-code.{format}";

    public static string ReceiptPagePath(Guid dossierId) => $"/api/dossiers/{dossierId}/receipt/page";
}

/// <summary><see cref="Commune"/>: the commune the address is in now (resolved also from an old address), when known.</summary>
internal sealed record ApplicantResponse(string FullName, DateOnly? DateOfBirth, string? CitizenIdNumber, string? PhoneNumber, string? Email, string? Address, string? Commune);

internal sealed record ApologyResponse(DateOnly PreviousDueDate, DateOnly NewDueDate, string Note, string Letter, DateTimeOffset IssuedAt);

/// <summary>The result once processing finished: the staff's <see cref="Note"/> (e.g. "original at the counter").</summary>
internal sealed record DossierResultResponse(string? Note, DateTimeOffset CompletedAt, DateTimeOffset? ReturnedAt);

/// <summary>Fees the citizen must pay (<see cref="Note"/>: what they are for).</summary>
internal sealed record DossierFeeResponse(long Amount, string? Note);

/// <summary>
/// Everything about one dossier, for its owner and for the staff handling it (the same shape; every action answers
/// it too, so a client never reads again after acting). <see cref="AllowedActions"/> is what the reader may do now;
/// <see cref="Channel"/> is <c>online</c> or <c>counter</c> (received at the one-stop counter).
/// </summary>
internal sealed record DossierDetailResponse(
    Guid Id,
    string Code,
    Guid ProcedureId,
    string ProcedureCode,
    string ProcedureName,
    string Field,
    Guid AgencyId,
    string AgencyName,
    Guid? ReceivingAgencyId,
    string? ReceivingAgencyName,
    string Channel,
    ApplicantResponse Applicant,
    string? Summary,
    string Delivery,
    string? DeliveryAddress,
    string Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset DueAt,
    string Timeliness,
    Guid? AssignedStaffId,
    string? AssignedStaffName,
    string? SupplementRequest,
    DossierFeeResponse? Fee,
    DossierResultResponse? Result,
    IReadOnlyList<DossierFileResponse> Files,
    IReadOnlyList<HistoryEntryResponse> History,
    IReadOnlyList<ApologyResponse> Apologies,
    IReadOnlyList<string> AllowedActions,
    int Version)
{
    /// <summary>
    /// The dossier, its files and its history (the steps of its event stream, read in one round trip with
    /// the rest); null when it does not exist or <paramref name="visible"/> says the reader may not see it.
    /// </summary>
    public static async Task<DossierDetailResponse?> LoadAsync(IQuerySession session, Guid id, Func<Dossier, bool> visible, DossierReader reader,
        DeadlinePolicy deadlines, SignedLinks links, CancellationToken cancellationToken)
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
        return From(found, await files, history, reader, deadlines, links);
    }

    public static DossierDetailResponse From(Dossier d, IEnumerable<DossierFile> files, IEnumerable<StepFacts> history, DossierReader reader,
        DeadlinePolicy deadlines, SignedLinks links) => new(
        d.Id, d.Code, d.ProcedureId, d.ProcedureCode, d.ProcedureName, d.Field, d.AgencyId, d.AgencyName, d.ReceivingAgencyId, d.ReceivingAgencyName,
        d.Channel == DossierChannel.Counter ? "counter" : "online",
        new ApplicantResponse(d.Applicant.FullName, d.Applicant.DateOfBirth, d.Applicant.CitizenIdNumber, d.Applicant.PhoneNumber, d.Applicant.Email, d.Applicant.Address, d.Applicant.Commune),
        d.Summary,
        d.Delivery == ResultDelivery.PublicPostal ? "publicPostal" : "atOffice",
        d.DeliveryAddress,
        d.Status.Name(), d.Status.Text(), d.SubmittedAt.ToVietnamTime(), d.AcceptedAt?.ToVietnamTime(), DossierStatusTexts.DueAt(d.DueDate),
        DossierSummaryResponse.TimelinessName(deadlines.Of(d.Status, d.DueDate)),
        d.AssignedOfficerId, d.AssignedOfficerName, d.SupplementRequest,
        d.FeeAmount is { } amount ? new DossierFeeResponse(amount, d.FeeDescription) : null,
        d.CompletedAt is { } completedAt ? new DossierResultResponse(d.ResultNote, completedAt.ToVietnamTime(), d.ReturnedAt?.ToVietnamTime()) : null,
        [.. files.OrderBy(f => f.UploadedAt).Select(f => DossierFileResponse.From(f, links))],
        [.. history.Select(HistoryEntryResponse.From)],
        [.. d.Apologies.OrderBy(a => a.IssuedAt).Select(a => new ApologyResponse(a.PreviousDueDate, a.NewDueDate, a.Reason, a.Letter, a.IssuedAt.ToVietnamTime()))],
        DossierWorkflow.AllowedActions(d, reader, deadlines),
        d.Revision);
}
