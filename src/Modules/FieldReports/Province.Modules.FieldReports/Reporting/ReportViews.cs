using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Http;
using Province.BuildingBlocks.Time;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Workflow;
using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.Reporting;

/// <summary>
/// A report without the reporter's identity or contact. The public view (<see cref="ReportPresenter.Public"/>) has
/// phone, CCCD and e-mail masked in the texts, the position rounded to about 100 m (the exact spot is often the
/// reporter's door) and photos only once the report is answered in public; the reporter's and staff's view is as
/// written, with photos behind short-lived signed links. <see cref="Photos"/> are the reporter's, <see cref="FixPhotos"/>
/// the agency's after the fix, both in the one upload shape.
/// </summary>
internal sealed record PublicReportResponse(
    Guid Id,
    string Code,
    Guid CategoryId,
    string? CategoryName,
    string Title,
    string Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? WardCode,
    string? WardName,
    string Status,
    string StatusText,
    Guid AgencyId,
    string? AgencyName,
    string? Answer,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<UploadedFileResponse> Photos,
    IReadOnlyList<UploadedFileResponse> FixPhotos)
{
    /// <summary>Three decimals of a degree: about 110 m, enough for the street, not the house.</summary>
    public const int PublicCoordinateDecimals = 3;

    public static double? Round(double? coordinate) => coordinate is { } value ? Math.Round(value, PublicCoordinateDecimals) : null;
}

/// <summary>The reporter's and staff's view: everything, with the history (the steps of the report's event stream) and what the viewer may do now.</summary>
internal sealed record ReportDetailResponse(
    PublicReportResponse Report,
    string? ReporterName,
    string? ReporterPhone,
    bool Anonymous,
    Guid? AssignedStaffId,
    string? AssignedStaffName,
    DateTimeOffset DueAt,
    string? InformationRequest,
    int? Rating,
    int Reopens,
    IReadOnlyList<HistoryStep> History,
    IReadOnlyList<string> AllowedActions,
    int Version);

internal sealed record HistoryStep(DateTimeOffset At, string Actor, string Status, string StatusText, string Description, string? Note);

/// <summary>
/// Turns reports into answers: one place for the photo links (signed or public), the times in Vietnam time, the
/// masking of the public view and <see cref="ReportWorkflow.AllowedActions"/>.
/// </summary>
internal sealed class ReportPresenter(SignedLinks links, IConfiguration configuration, IOptions<FieldReportsSettings> settings, TimeProvider clock)
{
    /// <summary>The path of a photo behind a signed link (any photo, for whoever was handed the link).</summary>
    public static string SignedPhotoPath(Guid id) => $"/api/field-reports/photos/{id}";

    /// <summary>The path of a photo of a report answered in public: cacheable, no link needed.</summary>
    public static string PublicPhotoPath(Guid id) => $"/api/public/field-reports/photos/{id}";

    public FieldReportsSettings Settings => settings.Value;

    public DateTimeOffset Now => clock.GetUtcNow();

    public UploadedFileResponse SignedPhoto(ReportPhoto photo) =>
        new(photo.Id, photo.FileName ?? NeutralName(photo), photo.ContentType, photo.Size, links.Create(SignedPhotoPath(photo.Id)));

    /// <summary>The reporter's and staff's view of the report itself.</summary>
    public PublicReportResponse Full(FieldReport r) => Build(r, SignedPhoto);

    /// <summary>
    /// What anyone may see. Photos only of a report answered in public (Decree 13/2023: a photo of a pending report can
    /// show a face, a plate or a house the agency has not looked at yet), and under a neutral file name.
    /// </summary>
    public PublicReportResponse Public(FieldReport r)
    {
        var full = Build(r, p => new UploadedFileResponse(p.Id, NeutralName(p), p.ContentType, p.Size, PublicAddress.Of(configuration, PublicPhotoPath(p.Id))));
        return full with
        {
            Title = PersonalDataMask.Mask(r.Title),
            Description = PersonalDataMask.Mask(r.Description),
            Address = PersonalDataMask.Mask(r.Address),
            Answer = PersonalDataMask.Mask(full.Answer),
            Latitude = PublicReportResponse.Round(r.Latitude),
            Longitude = PublicReportResponse.Round(r.Longitude),
            Photos = r.InPublicFeed ? full.Photos : [],
            FixPhotos = r.InPublicFeed ? full.FixPhotos : [],
        };
    }

    public ReportDetailResponse Detail(FieldReport r, IEnumerable<IReportEvent> events, ReportViewer viewer) => new(
        Full(r),
        !r.Anonymous ? r.ReporterName : null,
        // Anonymous means anonymous to the agency too: it answers through the app, never by calling.
        !r.Anonymous ? r.ReporterPhone : null,
        r.Anonymous, r.OfficerId, r.OfficerName, r.DueAt.ToVietnamTime(), r.InformationRequest, r.Rating, r.Reopens,
        [.. events.OfType<IReportHistoryStep>().Select(h => new HistoryStep(h.At.ToVietnamTime(), h.Actor, EnumNames.Camel(h.ToStatus), ReportWorkflow.Text(h.ToStatus), h.Description, h.Note))],
        AllowedActions(r, viewer),
        r.Revision);

    public IReadOnlyList<string> AllowedActions(FieldReport r, ReportViewer viewer) => ReportWorkflow.AllowedActions(r, viewer, clock.GetUtcNow(), settings.Value);

    private static PublicReportResponse Build(FieldReport r, Func<ReportPhoto, UploadedFileResponse> link)
    {
        var photos = r.Photos.OrderBy(p => p.UploadedAt).ToList();
        return new(
            r.Id, r.Code, r.CategoryId, r.CategoryName, r.Title, r.Description, r.Latitude, r.Longitude, r.Address, r.WardCode, r.Area,
            EnumNames.Camel(r.Status), ReportWorkflow.Text(r.Status), r.AgencyId, r.AgencyName,
            r.Status is ReportStatus.Resolved or ReportStatus.Rejected or ReportStatus.Closed ? r.Answer : null,
            r.AnsweredAt?.ToVietnamTime(), r.CreatedAt.ToVietnamTime(),
            [.. photos.Where(p => p.Kind == PhotoKind.Report).Select(link)],
            [.. photos.Where(p => p.Kind == PhotoKind.Fix).Select(link)]);
    }

    private static string NeutralName(ReportPhoto photo) => $"{photo.Id}{(photo.ContentType == "image/png" ? ".png" : ".jpg")}";
}
