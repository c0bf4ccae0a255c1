using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using JasperFx.Events;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.FieldReports.Contracts;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Routing;
using Province.Modules.FieldReports.Workflow;
using Province.Modules.Identity.Contracts;
using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.Reporting;

internal sealed record SubmitReportRequest(
    Guid CategoryId, string Title, string Description, double? Latitude, double? Longitude, string? Address, string? Area, bool Anonymous, IReadOnlyList<Guid>? PhotoIds);

internal sealed class SubmitReportRequestValidator : AbstractValidator<SubmitReportRequest>
{
    public SubmitReportRequestValidator()
    {
        RuleFor(r => r.CategoryId).NotEmpty().WithMessage("Vui lòng chọn lĩnh vực phản ánh.");
        RuleFor(r => r.Title).NotEmpty().WithMessage("Vui lòng nhập tiêu đề.").MaximumLength(200).WithName("Tiêu đề");
        RuleFor(r => r.Description).NotEmpty().WithMessage("Vui lòng mô tả sự việc.").MaximumLength(4000).WithName("Nội dung");
        RuleFor(r => r.Latitude).InclusiveBetween(-90, 90).WithMessage("Vĩ độ không hợp lệ.");
        RuleFor(r => r.Longitude).InclusiveBetween(-180, 180).WithMessage("Kinh độ không hợp lệ.");
        RuleFor(r => r).Must(r => (r.Latitude is not null && r.Longitude is not null) || !string.IsNullOrWhiteSpace(r.Address))
            .WithName("location").WithMessage("Vui lòng chọn vị trí trên bản đồ hoặc nhập địa chỉ nơi xảy ra sự việc.");
        RuleFor(r => r.Address).MaximumLength(300).WithName("Địa chỉ");
        RuleFor(r => r.Area).MaximumLength(200).WithName("Xã, phường");
        RuleFor(r => r.PhotoIds).Must(p => p is null || p.Count <= 4).WithMessage("Tối đa 4 ảnh cho một phản ánh.");
    }
}

internal sealed record RateReportRequest(int Stars, string? Comment, [property: JsonRequired] int Version);

internal sealed record ProvideInformationRequest(string Information, [property: JsonRequired] int Version);

internal static class ReportingEndpoints
{
    public static void MapReporting(this IEndpointRouteBuilder citizens)
    {
        citizens.MapPost("/photos", async Task<Results<Created<PhotoLink>, ProblemHttpResult>> (
                IFormFile file, ClaimsPrincipal user, IFieldReportsStore reports, IFileStore store, IOptions<FieldReportsSettings> settings, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                await using var session = reports.LightweightSession();
                // The quota is checked before the photo is read (a photo is at most MaxPhotoBytes) and stored.
                var pending = await session.Query<ReportPhoto>().Where(p => p.CitizenId == citizenId && p.ReportId == null)
                    .Select(p => p.Size).ToListAsync(cancellationToken);
                if (PendingUploads.CheckQuota(pending, Math.Min(file.Length, settings.Value.MaxPhotoBytes), settings.Value.PendingUploads) is { } overQuota)
                {
                    return overQuota;
                }

                var (photo, problem) = await PhotoUploads.StoreAsync(file, settings.Value.MaxPhotoBytes, citizenId, null, PhotoKind.Report, store, clock, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                session.Insert(photo!);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/public/field-reports/photos/{photo!.Id}", new PhotoLink(photo.Id, "report", $"/api/public/field-reports/photos/{photo.Id}"));
            })
            .WithName("UploadFieldReportPhoto")
            .WithSummary("Tải một ảnh hiện trường (JPEG hoặc PNG); vị trí GPS và thông tin máy trong ảnh bị xóa trước khi lưu.")
            .DisableAntiforgery()
            .WithUploadLimit(citizens.ServiceProvider.GetRequiredService<IOptions<FieldReportsSettings>>().Value.MaxPhotoBytes)
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/", async (SubmitReportRequest request, ClaimsPrincipal user, HttpContext context, IFieldReportsStore store, ReportRouter router,
                IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var idempotency = IdempotentRequest.For(context, citizenId.ToString(), request);
                await using var session = store.LightweightSession();
                if (await idempotency.FindEarlierAnswerAsync(session, cancellationToken) is { } earlier)
                {
                    return earlier;
                }

                var category = await session.Query<Category>().SingleOrDefaultAsync(c => c.Id == request.CategoryId && c.Active, cancellationToken);
                if (category is null)
                {
                    return Problems.BusinessRule("field_report.category_unknown", "Lĩnh vực này không có hoặc đã ngừng nhận phản ánh.");
                }

                var photoIds = (request.PhotoIds ?? []).Distinct().ToList();
                var photos = photoIds.Count == 0 ? []
                    : (await session.LoadManyAsync<ReportPhoto>(cancellationToken, photoIds)).Where(p => p.CitizenId == citizenId && p.ReportId == null).ToList();
                if (photos.Count != photoIds.Count)
                {
                    return Problems.BusinessRule("field_report.photo_unavailable", "Có ảnh không tồn tại, không phải của bạn hoặc đã gửi kèm phản ánh khác. Vui lòng tải ảnh lên lại.");
                }

                var area = await router.PlaceAsync(request.Area, cancellationToken);
                var agencyId = await router.RouteAsync(category.Id, area, cancellationToken);
                if (agencyId is null)
                {
                    return Problems.BusinessRule("field_report.no_route", "Chưa có cơ quan tiếp nhận phản ánh lĩnh vực này. Vui lòng liên hệ quản trị.");
                }

                var profile = await mediator.Send(new GetCitizenProfile(citizenId), cancellationToken);
                var now = clock.GetUtcNow();
                return await idempotency.CreateOnceAsync(session, () =>
                {
                    var reportId = Guid.CreateVersion7();
                    foreach (var photo in photos)
                    {
                        // Attached: refused for the next report, and public from now on.
                        photo.ReportId = reportId;
                        session.Store(photo);
                    }

                    var submitted = new ReportSubmitted(
                        reportId, PublicCodes.New("PA-"), category.Id, request.Title.Trim(), request.Description.Trim(), request.Latitude, request.Longitude,
                        request.Address?.Trim(), area, citizenId, profile?.FullName, profile?.PhoneNumber, null, request.Anonymous,
                        agencyId.Value, now.AddHours(category.HandlingHours), "app", photos, now, "Người phản ánh",
                        "Phản ánh đã được gửi và chuyển ngay đến cơ quan có thẩm quyền.");
                    session.Events.StartStream<FieldReport>(reportId, submitted);
                    session.PublishIntegrationEvent(new FieldReportReceived(Guid.CreateVersion7(), now, reportId, submitted.Code, citizenId, category.Name, submitted.AgencyId));
                    session.PublishIntegrationEvent(new FieldReportAssigned(Guid.CreateVersion7(), now, reportId, submitted.Code, submitted.AgencyId, null));
                    var response = ReportDetailResponse.From(FieldReport.Create(submitted), [submitted], showReporter: true);
                    idempotency.Remember(session, StatusCodes.Status201Created, $"/api/field-reports/{reportId}", response, now);
                    return Task.FromResult<IResult>(TypedResults.Created($"/api/field-reports/{reportId}", response));
                }, explainConflict: null, cancellationToken);
            })
            .WithName("SubmitFieldReport")
            .WithSummary("Gửi phản ánh hiện trường (cần Idempotency-Key): lĩnh vực, nội dung, vị trí, 0-4 ảnh; chuyển ngay đến cơ quan có thẩm quyền.")
            .Validate<SubmitReportRequest>()
            .RequireIdempotencyKey()
            .Produces<ReportDetailResponse>(StatusCodes.Status201Created)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/", async Task<Ok<PagedResult<PublicReportResponse>>> (int? page, int? pageSize, ClaimsPrincipal user, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                var items = await session.Query<FieldReport>().Where(r => r.CitizenId == citizenId).Stats(out var stats)
                    .OrderByDescending(r => r.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                var total = (int)stats.TotalResults;
                return TypedResults.Ok(new PagedResult<PublicReportResponse>([.. items.Select(PublicReportResponse.From)], paging.Page, paging.PageSize, total));
            })
            .WithName("ListMyFieldReports")
            .WithSummary("Phản ánh của tôi, mới nhất trước.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/{id:guid}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var report = await LoadAsync(session, id, cancellationToken);
                return report is null || report.Report.CitizenId != user.GetCitizenId() ? NotFound() : TypedResults.Ok(report.Detail(showReporter: true));
            })
            .WithName("GetMyFieldReport")
            .WithSummary("Một phản ánh của tôi với toàn bộ quá trình xử lý.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/{id:guid}/information", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (
                Guid id, ProvideInformationRequest request, ClaimsPrincipal user, IFieldReportsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var report = await session.LoadAsync<FieldReport>(id, cancellationToken);
                if (report is null || report.CitizenId != user.GetCitizenId())
                {
                    return NotFound();
                }

                if (report.Revision != request.Version)
                {
                    return Stale();
                }

                var stream = await FetchForWritingAsync(session, report, cancellationToken);
                var step = new ReportInformationProvided(clock.GetUtcNow(), "Người phản ánh", stream.Aggregate!.Status,
                    "Người phản ánh đã bổ sung thông tin; cơ quan tiếp tục xử lý.", ReportWorkflow.Note(request.Information));
                if (ReportWorkflow.Apply(stream, ReportAction.ProvideInformation, step) is { } refusal)
                {
                    return refusal;
                }

                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok((await LoadAsync(session, id, cancellationToken))!.Detail(showReporter: true));
            })
            .WithName("ProvideFieldReportInformation")
            .WithSummary("Người phản ánh bổ sung thông tin cơ quan đề nghị.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/{id:guid}/rating", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (
                Guid id, RateReportRequest request, ClaimsPrincipal user, IFieldReportsStore store,
                IOptions<FieldReportsSettings> settings, TimeProvider clock, IServiceProvider services, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var report = await session.LoadAsync<FieldReport>(id, cancellationToken);
                if (report is null || report.CitizenId != user.GetCitizenId())
                {
                    return NotFound();
                }

                if (request.Stars is < 1 or > 5)
                {
                    return Problems.BusinessRule("field_report.rating_invalid", "Đánh giá từ 1 đến 5 sao.");
                }

                if (report.Revision != request.Version)
                {
                    return Stale();
                }

                if (report.Status is not (ReportStatus.Resolved or ReportStatus.Closed) || report.AnsweredAt is null
                    || clock.GetUtcNow() > report.AnsweredAt.Value.AddDays(settings.Value.RatingWindowDays))
                {
                    return Problems.BusinessRule("field_report.rating_closed",
                        $"Chỉ đánh giá phản ánh đã được trả lời, trong vòng {settings.Value.RatingWindowDays} ngày kể từ khi trả lời.");
                }

                var stream = await FetchForWritingAsync(session, report, cancellationToken);
                var now = clock.GetUtcNow();
                if (request.Stars <= 2)
                {
                    // Unsatisfied: the report goes back to the agency that answered it.
                    var reopened = new ReportReopened(request.Stars, now, "Người phản ánh", report.Status,
                        $"Người phản ánh chưa hài lòng ({request.Stars} sao); phản ánh được mở lại để xử lý tiếp.", ReportWorkflow.Note(request.Comment));
                    if (ReportWorkflow.Apply(stream, ReportAction.Reopen, reopened) is { } refusal)
                    {
                        return refusal;
                    }

                    session.PublishIntegrationEvent(new FieldReportReopened(Guid.CreateVersion7(), now, report.Id, report.Code, report.AgencyId, request.Stars));
                }
                else
                {
                    stream.AppendOne(new ReportRated(request.Stars, now, "Người phản ánh", report.Status, ReportWorkflow.Note(request.Comment)));
                }

                await session.SaveChangesAsync(cancellationToken);
                await PublicResponseCache.EvictAsync(services, PublicFeed.PublicFeedEndpoints.FeedCacheTag, cancellationToken);
                return TypedResults.Ok((await LoadAsync(session, id, cancellationToken))!.Detail(showReporter: true));
            })
            .WithName("RateFieldReportAnswer")
            .WithSummary("Đánh giá câu trả lời (1-5 sao); 1-2 sao mở lại phản ánh.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    /// <summary>A report's current state and the events of its stream (its history), or null.</summary>
    internal static async Task<ReportWithHistory?> LoadAsync(IQuerySession session, Guid id, CancellationToken cancellationToken)
    {
        var report = await session.LoadAsync<FieldReport>(id, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var events = await session.Events.FetchStreamAsync(id, token: cancellationToken);
        return new ReportWithHistory(report, [.. events.Select(e => e.Data).OfType<IReportEvent>()]);
    }

    /// <summary>
    /// The report's stream for appending at the version the caller checked: another change in between (two
    /// officers at once) fails here or at SaveChanges with a concurrency conflict, answered 409 by the host.
    /// </summary>
    internal static Task<IEventStream<FieldReport>> FetchForWritingAsync(IDocumentSession session, FieldReport checkedReport, CancellationToken cancellationToken) =>
        session.Events.FetchForWriting<FieldReport>(checkedReport.Id, checkedReport.Revision + 1, cancellationToken);

    internal static ProblemHttpResult NotFound() => Problems.NotFound("field_report.not_found", "Không tìm thấy phản ánh.");

    internal static ProblemHttpResult Stale() => Problems.Conflict("field_report.stale_version", "Phản ánh vừa được cập nhật. Vui lòng tải lại rồi thực hiện lại.");
}

internal sealed record ReportWithHistory(FieldReport Report, IReadOnlyList<IReportEvent> Events)
{
    public ReportDetailResponse Detail(bool showReporter) => ReportDetailResponse.From(Report, Events, showReporter);
}
