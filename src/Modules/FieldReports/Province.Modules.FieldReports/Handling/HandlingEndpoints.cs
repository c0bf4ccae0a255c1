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
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.FieldReports.Contracts;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Reporting;
using Province.Modules.FieldReports.Routing;
using Province.Modules.FieldReports.Workflow;
using Province.Modules.Identity.Contracts;
using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.Handling;

internal sealed record QueueItem(Guid Id, string Code, string Title, Guid CategoryId, string? Area, string Status, string StatusText, DateTimeOffset CreatedAt, DateTimeOffset DueAt, bool Overdue, bool DueSoon, string? OfficerName, int Version);

/// <summary>What every officer action on a report carries: the version the officer saw.</summary>
internal interface IReportActionRequest
{
    int Version { get; }
}

internal sealed record OfficerActionRequest([property: JsonRequired] int Version, Guid? OfficerId, Guid? AgencyId, Guid? CategoryId, string? Area, string? Text, IReadOnlyList<Guid>? PhotoIds)
    : IReportActionRequest;

/// <summary>New public wording for the title, the description or the answer (null: unchanged), and why.</summary>
internal sealed record RedactReportRequest([property: JsonRequired] int Version, string? Title, string? Description, string? Answer, string Reason) : IReportActionRequest;

internal sealed class OfficerActionRequestValidator : AbstractValidator<OfficerActionRequest>
{
    public OfficerActionRequestValidator()
    {
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
        // The texts become the public answer or a note of the history: the same bound as a report's description.
        RuleFor(r => r.Text).MaximumLength(4000).WithName("Nội dung");
        RuleFor(r => r.Area).MaximumLength(200).WithName("Xã, phường");
        RuleFor(r => r.PhotoIds).Must(p => p is null || p.Count <= 4).WithMessage("Tối đa 4 ảnh cho một câu trả lời.");
    }
}

internal sealed class RedactReportRequestValidator : AbstractValidator<RedactReportRequest>
{
    public RedactReportRequestValidator()
    {
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).WithName("Tiêu đề").When(r => r.Title is not null);
        RuleFor(r => r.Description).NotEmpty().MaximumLength(4000).WithName("Nội dung").When(r => r.Description is not null);
        RuleFor(r => r.Answer).NotEmpty().MaximumLength(4000).WithName("Câu trả lời").When(r => r.Answer is not null);
        RuleFor(r => r).Must(r => r.Title is not null || r.Description is not null || r.Answer is not null)
            .WithName("title").WithMessage("Vui lòng nhập nội dung thay thế cho tiêu đề, nội dung hoặc câu trả lời.");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Vui lòng ghi rõ lý do biên tập.").MaximumLength(1000).WithName("Lý do");
    }
}

/// <summary>
/// The agency's side: its queue (nobody else's), and the workflow actions. A report of another agency
/// answers 404 as if it did not exist.
/// </summary>
internal static class HandlingEndpoints
{
    public static void MapHandling(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/agencies/{agencyId:guid}/queue", async Task<Ok<PagedResult<QueueItem>>> (
                Guid agencyId, string? status, string? timeliness, int? page, int? pageSize, IFieldReportsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var now = clock.GetUtcNow().ToUniversalTime();
                var soon = now.AddHours(24);
                await using var session = store.QuerySession();
                var query = session.Query<FieldReport>().Where(r => r.AgencyId == agencyId);
                if (Enum.TryParse<ReportStatus>(status, ignoreCase: true, out var wanted))
                {
                    query = query.Where(r => r.Status == wanted);
                }

                var open = new[] { ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress, ReportStatus.WaitingForInformation };
                query = timeliness switch
                {
                    "overdue" => query.Where(r => open.Contains(r.Status) && r.DueAt < now),
                    "dueSoon" => query.Where(r => open.Contains(r.Status) && r.DueAt >= now && r.DueAt <= soon),
                    _ => query,
                };
                var rows = await query.Stats(out var stats).OrderBy(r => r.DueAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                var total = (int)stats.TotalResults;
                return TypedResults.Ok(new PagedResult<QueueItem>([.. rows.Select(r => new QueueItem(
                    r.Id, r.Code, r.Title, r.CategoryId, r.Area, EnumNames.Camel(r.Status), ReportWorkflow.Text(r.Status),
                    r.CreatedAt, r.DueAt, open.Contains(r.Status) && r.DueAt < now, open.Contains(r.Status) && r.DueAt >= now && r.DueAt <= soon, r.OfficerName, r.Revision))],
                    paging.Page, paging.PageSize, total));
            })
            .WithName("GetAgencyFieldReportQueue")
            .WithSummary("Phản ánh giao cho cơ quan: lọc trạng thái, sắp hết hạn, quá hạn; hạn sớm nhất trước.")
            .RequireAuthorization(ProvincePolicies.AgencyMember);

        staff.MapGet("/{id:guid}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var report = await ReportingEndpoints.LoadAsync(session, id, cancellationToken);
                return report is null || !MayHandle(user, report.Report) ? ReportingEndpoints.NotFound() : TypedResults.Ok(report.Detail(showReporter: true));
            })
            .WithName("GetFieldReportForOfficer")
            .WithSummary("Chi tiết phản ánh cho cán bộ cơ quan được giao (người phản ánh ẩn danh thì không hiện tên).")
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/photos", async Task<Results<Created<PhotoLink>, ProblemHttpResult>> (
                IFormFile file, ClaimsPrincipal user, IFieldReportsStore reports, IFileStore store, IOptions<FieldReportsSettings> settings, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (photo, problem) = await PhotoUploads.StoreAsync(file, settings.Value.MaxPhotoBytes, null, user.GetStaffId(), PhotoKind.Fix, store, clock, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                await using var session = reports.LightweightSession();
                session.Insert(photo!);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/public/field-reports/photos/{photo!.Id}", new PhotoLink(photo.Id, "fix", $"/api/public/field-reports/photos/{photo.Id}"));
            })
            .WithName("UploadFieldReportFixPhoto")
            .WithSummary("Cán bộ tải ảnh sau khi khắc phục (JPEG, PNG; đã xóa siêu dữ liệu).")
            .DisableAntiforgery()
            .WithUploadLimit(staff.ServiceProvider.GetRequiredService<IOptions<FieldReportsSettings>>().Value.MaxPhotoBytes)
            .Accepts<IFormFile>("multipart/form-data")
            .RequireAuthorization(ProvincePolicies.Staff);

        Map(staff, "assignment", "AssignFieldReport", "Giao phản ánh cho một cán bộ của cơ quan.", async (context, report, request) =>
        {
            if (ReportWorkflow.Check(report, ReportAction.AssignOfficer) is { } refusal)
            {
                return refusal;
            }

            var officer = request.OfficerId is { } officerId ? await context.Mediator.Send(new GetStaffMember(officerId), context.CancellationToken) : null;
            if (officer is not { Active: true } || officer.AgencyId != report.AgencyId)
            {
                return Problems.BusinessRule("field_report.assignee_not_in_agency", "Cán bộ được giao phải đang công tác tại cơ quan xử lý phản ánh.");
            }

            context.Session.PublishIntegrationEvent(new FieldReportAssigned(Guid.CreateVersion7(), context.Now, report.Id, report.Code, report.AgencyId, officer.Id));
            return context.Apply(ReportAction.AssignOfficer, new ReportOfficerAssigned(officer.Id, officer.FullName, context.Now, context.Actor, report.Status,
                $"Phản ánh được giao cho cán bộ {officer.FullName}.", ReportWorkflow.Note(request.Text)));
        });

        Map(staff, "start", "StartFieldReport", "Bắt đầu xử lý.", (context, report, request) =>
            Task.FromResult(context.Apply(ReportAction.Start,
                new ReportHandlingStarted(context.Now, context.Actor, report.Status, "Cơ quan đang xử lý phản ánh.", ReportWorkflow.Note(request.Text)))));

        Map(staff, "information-request", "RequestFieldReportInformation", "Đề nghị người phản ánh bổ sung thông tin (ghi rõ cần gì).", (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text))
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.text_required", "Vui lòng ghi rõ thông tin cần bổ sung."));
            }

            return Task.FromResult(context.Apply(ReportAction.RequestInformation,
                new ReportInformationRequested(context.Now, context.Actor, report.Status, "Cơ quan đề nghị bổ sung thông tin.", ReportWorkflow.Note(request.Text))));
        });

        Map(staff, "resolution", "ResolveFieldReport", "Trả lời công khai, kèm ảnh sau khắc phục nếu có.", async (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text))
            {
                return Problems.BusinessRule("field_report.text_required", "Vui lòng nhập nội dung trả lời công khai.");
            }

            if (ReportWorkflow.Check(report, ReportAction.Resolve) is { } refusal)
            {
                return refusal;
            }

            var photoIds = (request.PhotoIds ?? []).ToList();
            var photos = photoIds.Count == 0 ? []
                : (await context.Session.LoadManyAsync<ReportPhoto>(context.CancellationToken, photoIds.Distinct())).Where(p => p.ReportId == null && p.Kind == PhotoKind.Fix).ToList();
            if (photos.Count != photoIds.Count)
            {
                return Problems.BusinessRule("field_report.photo_unavailable", "Có ảnh không tồn tại hoặc đã dùng cho phản ánh khác.");
            }

            foreach (var photo in photos)
            {
                photo.ReportId = report.Id;
                context.Session.Store(photo);
            }

            var answer = request.Text!.Trim();
            context.Session.PublishIntegrationEvent(new FieldReportAnswered(Guid.CreateVersion7(), context.Now, report.Id, report.Code, report.CitizenId, true, answer));
            return context.Apply(ReportAction.Resolve,
                new ReportAnswered(answer, photos, context.Now, context.Actor, report.Status, "Cơ quan đã xử lý và trả lời công khai.", null));
        });

        Map(staff, "rejection", "RejectFieldReport", "Từ chối (không thuộc phạm vi, thông tin sai), ghi rõ lý do.", (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text))
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.text_required", "Vui lòng ghi rõ lý do từ chối."));
            }

            var reason = request.Text!.Trim();
            var problem = context.Apply(ReportAction.Reject,
                new ReportRejected(context.Now, context.Actor, report.Status, "Phản ánh không được xử lý (xem lý do).", reason));
            if (problem is null)
            {
                context.Session.PublishIntegrationEvent(new FieldReportAnswered(Guid.CreateVersion7(), context.Now, report.Id, report.Code, report.CitizenId, false, reason));
            }

            return Task.FromResult(problem);
        });

        Map(staff, "closure", "CloseFieldReport", "Đóng phản ánh đã trả lời.", (context, report, request) =>
            Task.FromResult(context.Apply(ReportAction.Close,
                new ReportClosed(context.Now, context.Actor, report.Status, "Phản ánh đã đóng.", ReportWorkflow.Note(request.Text)))));

        Map(staff, "forwarding", "ForwardFieldReport", "Chuyển phản ánh sang cơ quan có thẩm quyền khác.", async (context, report, request) =>
        {
            if (ReportWorkflow.Check(report, ReportAction.Forward) is { } refusal)
            {
                return refusal;
            }

            var agency = request.AgencyId is { } agencyId ? await context.Mediator.Send(new GetAgency(agencyId), context.CancellationToken) : null;
            if (agency is null || agency.Id == report.AgencyId)
            {
                return Problems.BusinessRule("field_report.forward_target_invalid", "Vui lòng chọn một cơ quan khác trong danh bạ để chuyển phản ánh.");
            }

            context.Session.PublishIntegrationEvent(new FieldReportAssigned(Guid.CreateVersion7(), context.Now, report.Id, report.Code, agency.Id, null));
            return context.Apply(ReportAction.Forward,
                new ReportForwarded(agency.Id, context.Now, context.Actor, report.Status, $"Phản ánh được chuyển đến {agency.Name}.", ReportWorkflow.Note(request.Text)));
        });

        Map<RedactReportRequest>(staff, "redaction", "RedactFieldReport",
            "Biên tập nội dung công khai (xóa số điện thoại, tên, lời lẽ không phù hợp) của tiêu đề, nội dung hoặc câu trả lời; ghi vào quá trình xử lý. Nội dung gốc chỉ còn trong lịch sử sự kiện.",
            (context, report, request) =>
            {
                if (request.Answer is not null && report.Answer is null)
                {
                    return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.no_answer", "Phản ánh chưa có câu trả lời để biên tập."));
                }

                context.Stream.AppendOne(new ReportRedacted(request.Title?.Trim(), request.Description?.Trim(), request.Answer?.Trim(), context.Now, context.Actor, report.Status,
                    "Cơ quan đã biên tập nội dung công khai của phản ánh.", ReportWorkflow.Note(request.Reason)));
                return Task.FromResult<ProblemHttpResult?>(null);
            });

        Map(staff, "hiding", "HideFieldReport", "Ẩn phản ánh khỏi mọi trang công khai (Open311, bảng tin, trang phản ánh), ghi rõ lý do; ghi vào quá trình xử lý.", (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text))
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.text_required", "Vui lòng ghi rõ lý do ẩn phản ánh."));
            }

            if (report.Hidden)
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.Conflict("field_report.already_hidden", "Phản ánh đã được ẩn khỏi trang công khai."));
            }

            context.Stream.AppendOne(new ReportVisibilityChanged(true, context.Now, context.Actor, report.Status, "Cơ quan đã ẩn phản ánh khỏi trang công khai.", ReportWorkflow.Note(request.Text)));
            return Task.FromResult<ProblemHttpResult?>(null);
        });

        Map(staff, "publication", "ShowFieldReport", "Hiện lại phản ánh đã ẩn trên các trang công khai; ghi vào quá trình xử lý.", (context, report, request) =>
        {
            if (!report.Hidden)
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.Conflict("field_report.not_hidden", "Phản ánh đang hiện trên trang công khai."));
            }

            context.Stream.AppendOne(new ReportVisibilityChanged(false, context.Now, context.Actor, report.Status, "Cơ quan đã hiện lại phản ánh trên trang công khai.", ReportWorkflow.Note(request.Text)));
            return Task.FromResult<ProblemHttpResult?>(null);
        });

        Map(staff, "recategorization", "RecategorizeFieldReport", "Đổi lĩnh vực hoặc địa bàn; quy tắc định tuyến được áp dụng lại.", async (context, report, request) =>
        {
            if (ReportWorkflow.Check(report, ReportAction.Recategorize) is { } refusal)
            {
                return refusal;
            }

            var categoryId = request.CategoryId ?? report.CategoryId;
            var category = await context.Session.LoadAsync<Category>(categoryId, context.CancellationToken);
            if (category is null)
            {
                return Problems.BusinessRule("field_report.category_unknown", "Lĩnh vực này không có.");
            }

            var router = context.Services.GetRequiredService<ReportRouter>();
            var area = request.Area is null ? report.Area : await router.PlaceAsync(request.Area, context.CancellationToken);
            var agencyId = await router.RouteAsync(category.Id, area, context.CancellationToken) ?? report.AgencyId;
            if (agencyId != report.AgencyId)
            {
                context.Session.PublishIntegrationEvent(new FieldReportAssigned(Guid.CreateVersion7(), context.Now, report.Id, report.Code, agencyId, null));
            }

            return context.Apply(ReportAction.Recategorize, new ReportRecategorized(category.Id, area, agencyId, context.Now.AddHours(category.HandlingHours), context.Now,
                context.Actor, report.Status, $"Phản ánh được xếp vào lĩnh vực \"{category.Name}\" và chuyển theo quy tắc tiếp nhận.", ReportWorkflow.Note(request.Text)));
        });
    }

    private static bool MayHandle(ClaimsPrincipal user, FieldReport report) => user.IsAdministrator() || user.GetAgencyId() == report.AgencyId;

    private static void Map(IEndpointRouteBuilder staff, string action, string name, string summary, Func<ActionContext, FieldReport, OfficerActionRequest, Task<ProblemHttpResult?>> act) =>
        Map<OfficerActionRequest>(staff, action, name, summary, act);

    private static void Map<TRequest>(IEndpointRouteBuilder staff, string action, string name, string summary, Func<ActionContext, FieldReport, TRequest, Task<ProblemHttpResult?>> act)
        where TRequest : IReportActionRequest =>
        staff.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (
                Guid id, TRequest request, ClaimsPrincipal user, IFieldReportsStore store, IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var report = await session.LoadAsync<FieldReport>(id, cancellationToken);
                if (report is null || !MayHandle(user, report))
                {
                    return ReportingEndpoints.NotFound();
                }

                if (report.Revision != request.Version)
                {
                    return ReportingEndpoints.Stale();
                }

                var stream = await ReportingEndpoints.FetchForWritingAsync(session, report, cancellationToken);
                var context = new ActionContext(session, stream, services, user.Identity?.Name ?? "Cán bộ", clock.GetUtcNow().ToUniversalTime(), cancellationToken);
                if (await act(context, stream.Aggregate!, request) is { } problem)
                {
                    return problem;
                }

                await session.SaveChangesAsync(cancellationToken);
                await PublicResponseCache.EvictAsync(services, PublicFeed.PublicFeedEndpoints.FeedCacheTag, cancellationToken);
                return TypedResults.Ok((await ReportingEndpoints.LoadAsync(session, id, cancellationToken))!.Detail(showReporter: true));
            })
            .WithName(name)
            .WithSummary(summary)
            .Validate<TRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);

    private sealed record ActionContext(IDocumentSession Session, IEventStream<FieldReport> Stream, IServiceProvider Services, string Actor, DateTimeOffset Now, CancellationToken CancellationToken)
    {
        public IMediator Mediator => Services.GetRequiredService<IMediator>();

        /// <summary>Checks the transition and appends its event; the endpoint saves.</summary>
        public ProblemHttpResult? Apply(ReportAction action, IReportEvent step) => ReportWorkflow.Apply(Stream, action, step);
    }
}
