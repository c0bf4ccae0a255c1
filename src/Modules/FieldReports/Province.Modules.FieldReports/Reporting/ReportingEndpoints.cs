using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Caching;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Idempotency;
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

internal sealed record RateReportRequest(int Stars, string? Comment, int Version);

internal sealed record ProvideInformationRequest(string Information, int Version);

internal static class ReportingEndpoints
{
    public static void MapReporting(this IEndpointRouteBuilder citizens)
    {
        citizens.MapPost("/photos", async Task<Results<Created<PhotoLink>, ProblemHttpResult>> (
                IFormFile file, ClaimsPrincipal user, FieldReportsDbContext db, IFileStore store, IOptions<FieldReportsSettings> settings, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (photo, problem) = await PhotoUploads.StoreAsync(file, settings.Value.MaxPhotoBytes, user.GetCitizenId(), null, PhotoKind.Report, store, clock, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                db.Photos.Add(photo!);
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/public/field-reports/photos/{photo!.Id}", new PhotoLink(photo.Id, "report", $"/api/public/field-reports/photos/{photo.Id}"));
            })
            .WithName("UploadFieldReportPhoto")
            .WithSummary("Tải một ảnh hiện trường (JPEG hoặc PNG); vị trí GPS và thông tin máy trong ảnh bị xóa trước khi lưu.")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/", async (SubmitReportRequest request, ClaimsPrincipal user, HttpContext context, FieldReportsDbContext db, ReportRouter router,
                IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var idempotency = IdempotentRequest.For(context, citizenId.ToString(), request);
                if (await idempotency.FindEarlierAnswerAsync(db, cancellationToken) is { } earlier)
                {
                    return earlier;
                }

                var category = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CategoryId && c.Active, cancellationToken);
                if (category is null)
                {
                    return Problems.BusinessRule("field_report.category_unknown", "Lĩnh vực này không có hoặc đã ngừng nhận phản ánh.");
                }

                var photoIds = (request.PhotoIds ?? []).Distinct().ToList();
                var photos = photoIds.Count == 0 ? []
                    : await db.Photos.Where(p => photoIds.Contains(p.Id) && p.CitizenId == citizenId && p.ReportId == null).ToListAsync(cancellationToken);
                if (photos.Count != photoIds.Count)
                {
                    return Problems.BusinessRule("field_report.photo_unavailable", "Có ảnh không tồn tại, không phải của bạn hoặc đã gửi kèm phản ánh khác. Vui lòng tải ảnh lên lại.");
                }

                var agencyId = await router.RouteAsync(category.Id, request.Area, cancellationToken);
                if (agencyId is null)
                {
                    return Problems.BusinessRule("field_report.no_route", "Chưa có cơ quan tiếp nhận phản ánh lĩnh vực này. Vui lòng liên hệ quản trị.");
                }

                var profile = await mediator.Send(new GetCitizenProfile(citizenId), cancellationToken);
                var now = clock.GetUtcNow();
                return await idempotency.CreateOnceAsync(db, async () =>
                {
                    var report = new Report
                    {
                        Code = PublicCodes.New("PA-"),
                        CategoryId = category.Id,
                        Title = request.Title.Trim(),
                        Description = request.Description.Trim(),
                        Latitude = request.Latitude,
                        Longitude = request.Longitude,
                        Address = request.Address?.Trim(),
                        Area = request.Area?.Trim(),
                        CitizenId = citizenId,
                        ReporterName = profile?.FullName,
                        ReporterPhone = profile?.PhoneNumber,
                        Anonymous = request.Anonymous,
                        Status = ReportStatus.Received,
                        AgencyId = agencyId.Value,
                        DueAt = now.AddHours(category.HandlingHours),
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    db.Reports.Add(report);
                    foreach (var photo in photos)
                    {
                        photo.ReportId = report.Id;
                        report.Photos.Add(photo);
                    }

                    db.History.Add(new ReportHistoryEntry
                    {
                        ReportId = report.Id, At = now, Actor = "Người phản ánh", ToStatus = ReportStatus.Received,
                        Description = "Phản ánh đã được gửi và chuyển ngay đến cơ quan có thẩm quyền.",
                    });
                    db.AddIntegrationEvent(new FieldReportReceived(Guid.CreateVersion7(), now, report.Id, report.Code, citizenId, category.Name, report.AgencyId));
                    db.AddIntegrationEvent(new FieldReportAssigned(Guid.CreateVersion7(), now, report.Id, report.Code, report.AgencyId, null));
                    var response = ReportDetailResponse.From(report, showReporter: true);
                    idempotency.Remember(db, StatusCodes.Status201Created, $"/api/field-reports/{report.Id}", response, now);
                    await db.SaveChangesAsync(cancellationToken);
                    return TypedResults.Created($"/api/field-reports/{report.Id}", response);
                }, explainConflict: null, cancellationToken);
            })
            .WithName("SubmitFieldReport")
            .WithSummary("Gửi phản ánh hiện trường (cần Idempotency-Key): lĩnh vực, nội dung, vị trí, 0-4 ảnh; chuyển ngay đến cơ quan có thẩm quyền.")
            .Validate<SubmitReportRequest>()
            .RequireIdempotencyKey()
            .Produces<ReportDetailResponse>(StatusCodes.Status201Created)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/", async Task<Ok<PagedResult<PublicReportResponse>>> (int? page, int? pageSize, ClaimsPrincipal user, FieldReportsDbContext db, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var mine = db.Reports.AsNoTracking().Where(r => r.CitizenId == user.GetCitizenId());
                var total = await mine.CountAsync(cancellationToken);
                var items = await mine.Include(r => r.Photos).OrderByDescending(r => r.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<PublicReportResponse>([.. items.Select(PublicReportResponse.From)], paging.Page, paging.PageSize, total));
            })
            .WithName("ListMyFieldReports")
            .WithSummary("Phản ánh của tôi, mới nhất trước.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/{id:guid}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, FieldReportsDbContext db, CancellationToken cancellationToken) =>
            {
                var report = await Load(db, id, cancellationToken);
                return report is null || report.CitizenId != user.GetCitizenId() ? NotFound() : TypedResults.Ok(ReportDetailResponse.From(report, showReporter: true));
            })
            .WithName("GetMyFieldReport")
            .WithSummary("Một phản ánh của tôi với toàn bộ quá trình xử lý.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/{id:guid}/information", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (
                Guid id, ProvideInformationRequest request, ClaimsPrincipal user, FieldReportsDbContext db, ReportWorkflow workflow, CancellationToken cancellationToken) =>
            {
                var report = await Load(db, id, cancellationToken, tracking: true);
                if (report is null || report.CitizenId != user.GetCitizenId())
                {
                    return NotFound();
                }

                if (report.Version != request.Version)
                {
                    return Stale();
                }

                if (workflow.Apply(report, ReportAction.ProvideInformation, "Người phản ánh", "Người phản ánh đã bổ sung thông tin; cơ quan tiếp tục xử lý.", request.Information) is { } refusal)
                {
                    return refusal;
                }

                report.InformationRequest = null;
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(ReportDetailResponse.From(report, showReporter: true));
            })
            .WithName("ProvideFieldReportInformation")
            .WithSummary("Người phản ánh bổ sung thông tin cơ quan đề nghị.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapPost("/{id:guid}/rating", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (
                Guid id, RateReportRequest request, ClaimsPrincipal user, FieldReportsDbContext db, ReportWorkflow workflow,
                IOptions<FieldReportsSettings> settings, TimeProvider clock, IServiceProvider services, CancellationToken cancellationToken) =>
            {
                var report = await Load(db, id, cancellationToken, tracking: true);
                if (report is null || report.CitizenId != user.GetCitizenId())
                {
                    return NotFound();
                }

                if (request.Stars is < 1 or > 5)
                {
                    return Problems.BusinessRule("field_report.rating_invalid", "Đánh giá từ 1 đến 5 sao.");
                }

                if (report.Version != request.Version)
                {
                    return Stale();
                }

                if (report.Status is not (ReportStatus.Resolved or ReportStatus.Closed) || report.AnsweredAt is null
                    || clock.GetUtcNow() > report.AnsweredAt.Value.AddDays(settings.Value.RatingWindowDays))
                {
                    return Problems.BusinessRule("field_report.rating_closed",
                        $"Chỉ đánh giá phản ánh đã được trả lời, trong vòng {settings.Value.RatingWindowDays} ngày kể từ khi trả lời.");
                }

                report.Rating = request.Stars;
                if (request.Stars <= 2)
                {
                    // Unsatisfied: the report goes back to the agency that answered it.
                    report.Reopens++;
                    workflow.Apply(report, ReportAction.Reopen, "Người phản ánh", $"Người phản ánh chưa hài lòng ({request.Stars} sao); phản ánh được mở lại để xử lý tiếp.", request.Comment);
                    db.AddIntegrationEvent(new FieldReportReopened(Guid.CreateVersion7(), clock.GetUtcNow(), report.Id, report.Code, report.AgencyId, request.Stars));
                }
                else
                {
                    report.Version++;
                }

                await db.SaveChangesAsync(cancellationToken);
                await PublicResponseCache.EvictAsync(services, PublicFeed.PublicFeedEndpoints.FeedCacheTag, cancellationToken);
                return TypedResults.Ok(ReportDetailResponse.From(report, showReporter: true));
            })
            .WithName("RateFieldReportAnswer")
            .WithSummary("Đánh giá câu trả lời (1-5 sao); 1-2 sao mở lại phản ánh.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    internal static Task<Report?> Load(FieldReportsDbContext db, Guid id, CancellationToken cancellationToken, bool tracking = false)
    {
        var query = db.Reports.AsSplitQuery().Include(r => r.Photos).Include(r => r.History);
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    internal static ProblemHttpResult NotFound() => Problems.NotFound("field_report.not_found", "Không tìm thấy phản ánh.");

    internal static ProblemHttpResult Stale() => Problems.Conflict("field_report.stale_version", "Phản ánh vừa được cập nhật. Vui lòng tải lại rồi thực hiện lại.");
}
