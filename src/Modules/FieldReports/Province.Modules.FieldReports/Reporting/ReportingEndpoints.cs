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
using Province.Modules.FieldReports.Categories;
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

/// <summary>What every reporter's action carries: the version they saw.</summary>
internal interface ICitizenActionRequest
{
    int Version { get; }
}

internal sealed record RateReportRequest(int Stars, string? Message, [property: JsonRequired] int Version) : ICitizenActionRequest;

internal sealed record ProvideInformationRequest(string Message, [property: JsonRequired] int Version) : ICitizenActionRequest;

/// <summary>Why the reporter is not satisfied with the answer (required: the agency reads it before handling again).</summary>
internal sealed record ReopenReportRequest(string Message, [property: JsonRequired] int Version) : ICitizenActionRequest;

internal sealed class RateReportRequestValidator : AbstractValidator<RateReportRequest>
{
    public RateReportRequestValidator()
    {
        RuleFor(r => r.Stars).InclusiveBetween(1, 5).WithMessage("Đánh giá từ 1 đến 5 sao.");
        RuleFor(r => r.Message).MaximumLength(2000).WithName("Nhận xét");
    }
}

internal sealed class ProvideInformationRequestValidator : AbstractValidator<ProvideInformationRequest>
{
    public ProvideInformationRequestValidator() =>
        RuleFor(r => r.Message).NotEmpty().WithMessage("Vui lòng nhập thông tin bổ sung.").MaximumLength(4000).WithName("Thông tin bổ sung");
}

internal sealed class ReopenReportRequestValidator : AbstractValidator<ReopenReportRequest>
{
    public ReopenReportRequestValidator() =>
        RuleFor(r => r.Message).NotEmpty().WithMessage("Vui lòng cho biết vì sao chưa hài lòng với câu trả lời.").MaximumLength(2000).WithName("Lý do");
}

internal static class ReportingEndpoints
{
    public static void MapReporting(this IEndpointRouteBuilder citizens)
    {
        citizens.MapPhotoUpload(PhotoKind.Report, "UploadFieldReportPhotos",
            "Tải ảnh hiện trường (JPEG hoặc PNG, 1-4 ảnh: phần \"files\", hoặc một phần \"file\"); vị trí GPS và thông tin máy trong ảnh bị xóa trước khi lưu. Gửi id ảnh trong photoIds của phản ánh.");

        citizens.MapGet("/photos/{id:guid}", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (
                Guid id, IFieldReportsStore reports, IFileStore store, HttpContext context, CancellationToken cancellationToken) =>
            {
                ReportPhoto? photo;
                await using (var session = reports.QuerySession())
                {
                    photo = await session.LoadAsync<ReportPhoto>(id, cancellationToken);
                }

                var stream = photo is null ? null : await store.OpenReadAsync(photo.StorageKey, cancellationToken);
                if (photo is null || stream is null)
                {
                    return Problems.NotFound("field_report.photo_not_found", "Không tìm thấy ảnh.");
                }

                context.Response.Headers.XContentTypeOptions = "nosniff";
                return TypedResults.File(stream, photo.ContentType);
            })
            .WithName("GetFieldReportPhotoByLink")
            .WithSummary("Ảnh của phản ánh qua liên kết có chữ ký (trường url trong phản ánh, hiệu lực 15 phút), dùng được trong <img> không cần đăng nhập.")
            .RequireSignedLink()
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg", additionalContentTypes: ["image/png"])
            .ProducesProblem(StatusCodes.Status404NotFound);

        citizens.MapPost("/", async (SubmitReportRequest request, ClaimsPrincipal user, HttpContext context, IFieldReportsStore store, ReportRouter router, ReferenceData referenceData,
                IMediator mediator, ReportPresenter presenter, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var idempotency = IdempotentRequest.For(context, citizenId.ToString(), request);
                var photoIds = (request.PhotoIds ?? []).Distinct().ToList();
                await using var session = store.LightweightSession();
                // An earlier answer to this key and the photos named, in one round trip (a batch query; issue 17).
                var batch = session.CreateBatchQuery();
                var earlierRecord = idempotency.FindEarlierRecord(batch);
                var photosRead = batch.LoadMany<ReportPhoto>().ById([.. photoIds]);
                await batch.Execute(cancellationToken);
                if (idempotency.AnswerFrom(await earlierRecord) is { } earlier)
                {
                    return earlier;
                }

                var category = (await referenceData.GetAsync(cancellationToken)).Categories.GetValueOrDefault(request.CategoryId);
                if (category is not { Active: true })
                {
                    return Problems.BusinessRule("field_report.category_unknown", "Lĩnh vực này không có hoặc đã ngừng nhận phản ánh.");
                }

                var photos = (await photosRead).Where(p => p.CitizenId == citizenId && p.ReportId == null).ToList();
                if (photos.Count != photoIds.Count)
                {
                    return Problems.BusinessRule("field_report.photo_unavailable", "Có ảnh không tồn tại, không phải của bạn hoặc đã gửi kèm phản ánh khác. Vui lòng tải ảnh lên lại.");
                }

                var (area, wardCode) = await router.LocateAsync(request.Area, cancellationToken);
                var agencyId = await router.RouteAsync(category.Id, area, cancellationToken);
                if (agencyId is null)
                {
                    return Problems.BusinessRule("field_report.no_route", "Chưa có cơ quan tiếp nhận phản ánh lĩnh vực này. Vui lòng liên hệ quản trị.");
                }

                var profile = await mediator.Send(new GetCitizenProfile(citizenId), cancellationToken);
                var agency = await mediator.Send(new GetAgency(agencyId.Value), cancellationToken);
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
                        "Phản ánh đã được gửi và chuyển ngay đến cơ quan có thẩm quyền.", category.Name, agency?.Name, wardCode);
                    session.Events.StartStream<FieldReport>(reportId, submitted);
                    session.PublishIntegrationEvent(
                        new FieldReportReceived(Guid.CreateVersion7(), now, reportId, submitted.Code, citizenId, category.Name, submitted.AgencyId),
                        new FieldReportAssigned(Guid.CreateVersion7(), now, reportId, submitted.Code, submitted.AgencyId, null));
                    var response = presenter.Detail(FieldReport.Create(submitted), [submitted], ReportViewer.Of(user));
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

        citizens.MapGet("/", async Task<Ok<PagedResult<PublicReportResponse>>> (int? page, int? pageSize, ClaimsPrincipal user, IFieldReportsStore store, ReportPresenter presenter, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                var items = await session.Query<FieldReport>().Where(r => r.CitizenId == citizenId).Stats(out var stats)
                    .OrderByDescending(r => r.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                var total = (int)stats.TotalResults;
                return TypedResults.Ok(new PagedResult<PublicReportResponse>([.. items.Select(presenter.Full)], paging.Page, paging.PageSize, total));
            })
            .WithName("ListMyFieldReports")
            .WithSummary("Phản ánh của tôi, mới nhất trước.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/{id:guid}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, IFieldReportsStore store, ReportPresenter presenter, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var report = await LoadAsync(session, id, cancellationToken);
                return report is null || report.Report.CitizenId != user.GetCitizenId() ? NotFound() : TypedResults.Ok(report.Detail(presenter, ReportViewer.Of(user)));
            })
            .WithName("GetMyFieldReport")
            .WithSummary("Một phản ánh của tôi với toàn bộ quá trình xử lý.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        MapCitizenAction<ProvideInformationRequest>(citizens, ReportWorkflow.Names.ProvideInformation, "ProvideFieldReportInformation",
            "Người phản ánh bổ sung thông tin cơ quan đề nghị (message).", (context, report, request) =>
                Task.FromResult(ReportWorkflow.Apply(context.Stream, ReportAction.ProvideInformation, new ReportInformationProvided(context.Now, "Người phản ánh", report.Status,
                    "Người phản ánh đã bổ sung thông tin; cơ quan tiếp tục xử lý.", ReportWorkflow.Note(request.Message)))));

        MapCitizenAction<RateReportRequest>(citizens, ReportWorkflow.Names.Rate, "RateFieldReportAnswer",
            "Đánh giá câu trả lời (1-5 sao, một lần cho mỗi câu trả lời, trong thời hạn đánh giá). Chưa hài lòng thì dùng reopen.", (context, report, request) =>
            {
                if (ReportWorkflow.RatingRefusal(report, context.Now, context.Settings) is { } refusal)
                {
                    return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.rating_closed", refusal));
                }

                context.Stream.AppendOne(new ReportRated(request.Stars, context.Now, "Người phản ánh", report.Status, ReportWorkflow.Note(request.Message)));
                return Task.FromResult<ProblemHttpResult?>(null);
            });

        MapCitizenAction<ReopenReportRequest>(citizens, ReportWorkflow.Names.Reopen, "ReopenFieldReport",
            "Người phản ánh chưa hài lòng với câu trả lời mở lại phản ánh (ghi rõ lý do trong message), trong 7 ngày kể từ khi trả lời, tối đa một lần; phản ánh trở lại cơ quan đã trả lời với thời hạn mới.",
            async (context, report, request) =>
            {
                if (ReportWorkflow.ReopenRefusal(report, context.Now, context.Settings) is { } refusal)
                {
                    return Problems.BusinessRule("field_report.reopen_closed", refusal);
                }

                var category = await context.Session.LoadAsync<Category>(report.CategoryId, context.CancellationToken);
                var reopened = new ReportReopened(null, context.Now, "Người phản ánh", report.Status,
                    "Người phản ánh chưa hài lòng với câu trả lời; phản ánh được mở lại để cơ quan xử lý tiếp.", ReportWorkflow.Note(request.Message),
                    context.Now.AddHours(category?.HandlingHours ?? 72));
                if (ReportWorkflow.Apply(context.Stream, ReportAction.Reopen, reopened) is { } illegal)
                {
                    return illegal;
                }

                context.Session.PublishIntegrationEvent(new FieldReportReopened(Guid.CreateVersion7(), context.Now, report.Id, report.Code, report.AgencyId, report.Rating ?? 0));
                return null;
            });
    }

    /// <summary>
    /// A reporter's action on their own report at the version they saw: answered 200 with the whole report (the shape
    /// of its GET, with the actions allowed now), 404 for anyone else's, 409 when stale or not allowed in its status.
    /// </summary>
    private static void MapCitizenAction<TRequest>(IEndpointRouteBuilder citizens, string action, string name, string summary,
        Func<CitizenActionContext, FieldReport, TRequest, Task<ProblemHttpResult?>> act)
        where TRequest : ICitizenActionRequest =>
        citizens.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (
                Guid id, TRequest request, ClaimsPrincipal user, IFieldReportsStore store, ReportPresenter presenter, IServiceProvider services, CancellationToken cancellationToken) =>
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
                if (await act(new CitizenActionContext(session, stream, presenter.Settings, presenter.Now.ToUniversalTime(), cancellationToken), stream.Aggregate!, request) is { } problem)
                {
                    return problem;
                }

                await session.SaveChangesAsync(cancellationToken);
                await PublicResponseCache.EvictAsync(services, PublicFeed.PublicFeedEndpoints.FeedCacheTag, cancellationToken);
                return TypedResults.Ok((await LoadAsync(session, id, cancellationToken))!.Detail(presenter, ReportViewer.Of(user)));
            })
            .WithName(name)
            .WithSummary(summary)
            .Validate<TRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Citizen);

    private sealed record CitizenActionContext(IDocumentSession Session, IEventStream<FieldReport> Stream, FieldReportsSettings Settings, DateTimeOffset Now, CancellationToken CancellationToken);

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
    public ReportDetailResponse Detail(ReportPresenter presenter, ReportViewer viewer) => presenter.Detail(Report, Events, viewer);
}
