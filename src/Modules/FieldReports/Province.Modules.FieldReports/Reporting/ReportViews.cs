using Province.BuildingBlocks.Time;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Workflow;
using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.Reporting;

/// <summary>
/// A report without the reporter's identity or contact. <see cref="Public"/> is what anyone may see: phone, CCCD and
/// e-mail masked in the texts, the position rounded to about 100 m (the exact spot is often the reporter's door);
/// <see cref="From"/> is the reporter's and the officers' view, as written.
/// </summary>
internal sealed record PublicReportResponse(
    Guid Id,
    string Code,
    Guid CategoryId,
    string Title,
    string Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? Area,
    string Status,
    string StatusText,
    Guid AgencyId,
    string? Answer,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<PhotoLink> Photos)
{
    public static PublicReportResponse From(FieldReport r) => new(
        r.Id, r.Code, r.CategoryId, r.Title, r.Description, r.Latitude, r.Longitude, r.Address, r.Area,
        EnumNames.Camel(r.Status), ReportWorkflow.Text(r.Status), r.AgencyId,
        r.Status is ReportStatus.Resolved or ReportStatus.Rejected or ReportStatus.Closed ? r.Answer : null,
        r.AnsweredAt?.ToVietnamTime(), r.CreatedAt.ToVietnamTime(),
        [.. r.Photos.OrderBy(p => p.UploadedAt).Select(p => new PhotoLink(p.Id, p.Kind == PhotoKind.Fix ? "fix" : "report", $"/api/public/field-reports/photos/{p.Id}"))]);

    /// <summary>Three decimals of a degree: about 110 m, enough for the street, not the house.</summary>
    public const int PublicCoordinateDecimals = 3;

    public static PublicReportResponse Public(FieldReport r)
    {
        var full = From(r);
        return full with
        {
            Title = PersonalDataMask.Mask(r.Title),
            Description = PersonalDataMask.Mask(r.Description),
            Address = PersonalDataMask.Mask(r.Address),
            Answer = PersonalDataMask.Mask(full.Answer),
            Latitude = Round(r.Latitude),
            Longitude = Round(r.Longitude),
        };
    }

    public static double? Round(double? coordinate) => coordinate is { } value ? Math.Round(value, PublicCoordinateDecimals) : null;
}

internal sealed record PhotoLink(Guid Id, string Kind, string Url);

/// <summary>The reporter's and the officers' view: everything, with the history (the steps of the report's event stream).</summary>
internal sealed record ReportDetailResponse(
    PublicReportResponse Report,
    string? ReporterName,
    string? ReporterPhone,
    bool Anonymous,
    string? OfficerName,
    DateTimeOffset DueAt,
    string? InformationRequest,
    int? Rating,
    int Reopens,
    IReadOnlyList<HistoryStep> History,
    int Version)
{
    public static ReportDetailResponse From(FieldReport r, IEnumerable<IReportEvent> events, bool showReporter) => new(
        PublicReportResponse.From(r),
        showReporter && !r.Anonymous ? r.ReporterName : null,
        // Anonymous means anonymous to the agency too: it answers through the app, never by calling.
        showReporter && !r.Anonymous ? r.ReporterPhone : null,
        r.Anonymous, r.OfficerName, r.DueAt.ToVietnamTime(), r.InformationRequest, r.Rating, r.Reopens,
        [.. events.OfType<IReportHistoryStep>().Select(h => new HistoryStep(h.At.ToVietnamTime(), h.Actor, EnumNames.Camel(h.ToStatus), ReportWorkflow.Text(h.ToStatus), h.Description, h.Note))],
        r.Revision);
}

internal sealed record HistoryStep(DateTimeOffset At, string Actor, string Status, string StatusText, string Description, string? Note);
