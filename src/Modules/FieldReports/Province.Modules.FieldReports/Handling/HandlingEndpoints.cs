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

/// <summary>A row of the staff queue: enough for the list and the map (position, first photo), and what the staff member may do.</summary>
internal sealed record QueueItem(
    Guid Id, string Code, string Title, Guid CategoryId, string? CategoryName, Guid AgencyId, string? AgencyName, string? WardCode, string? WardName,
    string Status, string StatusText, DateTimeOffset CreatedAt, DateTimeOffset DueAt, bool Overdue, bool DueSoon,
    Guid? AssignedStaffId, string? AssignedStaffName, double? Latitude, double? Longitude, string? PhotoUrl, IReadOnlyList<string> AllowedActions, int Version);

/// <summary>What every officer action on a report carries: the version the officer saw.</summary>
internal interface IReportActionRequest
{
    int Version { get; }
}

/// <summary>
/// A staff action: <see cref="Note"/> is the staff member's words for the history (the reason of a rejection, what
/// information is needed), <see cref="Answer"/> the public answer of <c>resolve</c>; the other fields serve one action each.
/// </summary>
internal sealed record StaffActionRequest([property: JsonRequired] int Version, Guid? StaffId, Guid? AgencyId, Guid? CategoryId, string? Area, string? Note, string? Answer, IReadOnlyList<Guid>? PhotoIds)
    : IReportActionRequest;

/// <summary>New public wording for the title, the description or the answer (null: unchanged), and why (<see cref="Note"/>).</summary>
internal sealed record RedactReportRequest([property: JsonRequired] int Version, string? Title, string? Description, string? Answer, string Note) : IReportActionRequest;

internal sealed class StaffActionRequestValidator : AbstractValidator<StaffActionRequest>
{
    public StaffActionRequestValidator()
    {
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
        // The texts become the public answer or a note of the history: the same bound as a report's description.
        RuleFor(r => r.Note).MaximumLength(4000).WithName("Ghi chú");
        RuleFor(r => r.Answer).MaximumLength(4000).WithName("Câu trả lời");
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
        RuleFor(r => r.Note).NotEmpty().WithMessage("Vui lòng ghi rõ lý do biên tập.").MaximumLength(1000).WithName("Lý do");
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
        staff.MapGet("/queue", async Task<Results<Ok<PagedResult<QueueItem>>, ProblemHttpResult>> (
                [AsParameters] QueueQuery query, ClaimsPrincipal user, IFieldReportsStore store, ReportPresenter presenter, ReportRouter router, CancellationToken cancellationToken) =>
                await StaffQueue.ReadAsync(query, user, store, presenter, router, cancellationToken))
            .WithName("GetFieldReportQueue")
            .WithSummary("Hàng đợi phản ánh của cơ quan mình (quản trị: mọi cơ quan, lọc agencyId): tìm q (mã, nội dung không dấu, số điện thoại người phản ánh), lọc status, categoryId, wardCode (mã xã, phường) hoặc ward (tên, gõ không dấu, tên cũ cũng được), from, to (ngày), due (overdue, dueSoon, onTime), sắp xếp sort (dueAt, createdAt, updatedAt, code; - giảm dần), phân trang.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapGet("/{id:guid}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (Guid id, ClaimsPrincipal user, IFieldReportsStore store, ReportPresenter presenter, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var report = await ReportingEndpoints.LoadAsync(session, id, cancellationToken);
                var viewer = ReportViewer.Of(user);
                return report is null || !viewer.MayHandle(report.Report) ? ReportingEndpoints.NotFound() : TypedResults.Ok(report.Detail(presenter, viewer));
            })
            .WithName("GetFieldReportForStaff")
            .WithSummary("Chi tiết phản ánh cho cán bộ cơ quan được giao (người phản ánh ẩn danh thì không hiện tên), với các thao tác được phép (allowedActions).")
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPhotoUpload(PhotoKind.Fix, "UploadFieldReportFixPhotos",
            "Cán bộ tải ảnh sau khi khắc phục (JPEG, PNG, 1-4 ảnh: phần \"files\" hoặc \"file\"; đã xóa siêu dữ liệu); gửi id ảnh trong photoIds của resolve.");

        Map(staff, ReportWorkflow.Names.Assign, "AssignFieldReport", "Giao phản ánh cho một cán bộ của cơ quan (staffId).", async (context, report, request) =>
        {
            if (ReportWorkflow.Check(report, ReportAction.AssignOfficer) is { } refusal)
            {
                return refusal;
            }

            var officer = request.StaffId is { } staffId ? await context.Mediator.Send(new GetStaffMember(staffId), context.CancellationToken) : null;
            if (officer is not { Active: true } || officer.AgencyId != report.AgencyId)
            {
                return Problems.BusinessRule("field_report.assignee_not_in_agency", "Cán bộ được giao phải đang công tác tại cơ quan xử lý phản ánh.");
            }

            context.Session.PublishIntegrationEvent(new FieldReportAssigned(Guid.CreateVersion7(), context.Now, report.Id, report.Code, report.AgencyId, officer.Id));
            return context.Apply(ReportAction.AssignOfficer, new ReportOfficerAssigned(officer.Id, officer.FullName, context.Now, context.Actor, report.Status,
                $"Phản ánh được giao cho cán bộ {officer.FullName}.", ReportWorkflow.Note(request.Note)));
        });

        Map(staff, ReportWorkflow.Names.Start, "StartFieldReport", "Bắt đầu xử lý.", (context, report, request) =>
            Task.FromResult(context.Apply(ReportAction.Start,
                new ReportHandlingStarted(context.Now, context.Actor, report.Status, "Cơ quan đang xử lý phản ánh.", ReportWorkflow.Note(request.Note)))));

        Map(staff, ReportWorkflow.Names.RequestInformation, "RequestFieldReportInformation", "Đề nghị người phản ánh bổ sung thông tin (ghi rõ cần gì trong note).", (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Note))
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.text_required", "Vui lòng ghi rõ thông tin cần bổ sung."));
            }

            return Task.FromResult(context.Apply(ReportAction.RequestInformation,
                new ReportInformationRequested(context.Now, context.Actor, report.Status, "Cơ quan đề nghị bổ sung thông tin.", ReportWorkflow.Note(request.Note))));
        });

        Map(staff, ReportWorkflow.Names.Resolve, "ResolveFieldReport", "Trả lời công khai (answer), kèm ảnh sau khắc phục nếu có (photoIds).", async (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Answer))
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

            var answer = request.Answer!.Trim();
            context.Session.PublishIntegrationEvent(new FieldReportAnswered(Guid.CreateVersion7(), context.Now, report.Id, report.Code, report.CitizenId, true, answer));
            return context.Apply(ReportAction.Resolve,
                new ReportAnswered(answer, photos, context.Now, context.Actor, report.Status, "Cơ quan đã xử lý và trả lời công khai.", ReportWorkflow.Note(request.Note)));
        });

        Map(staff, ReportWorkflow.Names.Reject, "RejectFieldReport", "Từ chối (không thuộc phạm vi, thông tin sai), ghi rõ lý do trong note (người phản ánh đọc được).", (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Note))
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.text_required", "Vui lòng ghi rõ lý do từ chối."));
            }

            var reason = request.Note!.Trim();
            var problem = context.Apply(ReportAction.Reject,
                new ReportRejected(context.Now, context.Actor, report.Status, "Phản ánh không được xử lý (xem lý do).", reason));
            if (problem is null)
            {
                context.Session.PublishIntegrationEvent(new FieldReportAnswered(Guid.CreateVersion7(), context.Now, report.Id, report.Code, report.CitizenId, false, reason));
            }

            return Task.FromResult(problem);
        });

        Map(staff, ReportWorkflow.Names.Close, "CloseFieldReport", "Đóng phản ánh đã trả lời.", (context, report, request) =>
            Task.FromResult(context.Apply(ReportAction.Close,
                new ReportClosed(context.Now, context.Actor, report.Status, "Phản ánh đã đóng.", ReportWorkflow.Note(request.Note)))));

        Map(staff, ReportWorkflow.Names.Forward, "ForwardFieldReport", "Chuyển phản ánh sang cơ quan có thẩm quyền khác.", async (context, report, request) =>
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
                new ReportForwarded(agency.Id, context.Now, context.Actor, report.Status, $"Phản ánh được chuyển đến {agency.Name}.", ReportWorkflow.Note(request.Note), agency.Name));
        });

        Map<RedactReportRequest>(staff, ReportWorkflow.Names.Redact, "RedactFieldReport",
            "Biên tập nội dung công khai (xóa số điện thoại, tên, lời lẽ không phù hợp) của tiêu đề, nội dung hoặc câu trả lời; ghi vào quá trình xử lý. Nội dung gốc chỉ còn trong lịch sử sự kiện.",
            (context, report, request) =>
            {
                if (request.Answer is not null && report.Answer is null)
                {
                    return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.no_answer", "Phản ánh chưa có câu trả lời để biên tập."));
                }

                context.Stream.AppendOne(new ReportRedacted(request.Title?.Trim(), request.Description?.Trim(), request.Answer?.Trim(), context.Now, context.Actor, report.Status,
                    "Cơ quan đã biên tập nội dung công khai của phản ánh.", ReportWorkflow.Note(request.Note)));
                return Task.FromResult<ProblemHttpResult?>(null);
            });

        Map(staff, ReportWorkflow.Names.Hide, "HideFieldReport", "Ẩn phản ánh khỏi mọi trang công khai (Open311, bảng tin, trang phản ánh), ghi rõ lý do trong note; ghi vào quá trình xử lý.", (context, report, request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Note))
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("field_report.text_required", "Vui lòng ghi rõ lý do ẩn phản ánh."));
            }

            if (report.Hidden)
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.Conflict("field_report.already_hidden", "Phản ánh đã được ẩn khỏi trang công khai."));
            }

            context.Stream.AppendOne(new ReportVisibilityChanged(true, context.Now, context.Actor, report.Status, "Cơ quan đã ẩn phản ánh khỏi trang công khai.", ReportWorkflow.Note(request.Note)));
            return Task.FromResult<ProblemHttpResult?>(null);
        });

        Map(staff, ReportWorkflow.Names.Publish, "ShowFieldReport", "Hiện lại phản ánh đã ẩn trên các trang công khai; ghi vào quá trình xử lý.", (context, report, request) =>
        {
            if (!report.Hidden)
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.Conflict("field_report.not_hidden", "Phản ánh đang hiện trên trang công khai."));
            }

            context.Stream.AppendOne(new ReportVisibilityChanged(false, context.Now, context.Actor, report.Status, "Cơ quan đã hiện lại phản ánh trên trang công khai.", ReportWorkflow.Note(request.Note)));
            return Task.FromResult<ProblemHttpResult?>(null);
        });

        Map(staff, ReportWorkflow.Names.Recategorize, "RecategorizeFieldReport", "Đổi lĩnh vực hoặc địa bàn; quy tắc định tuyến được áp dụng lại.", async (context, report, request) =>
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
            var (area, wardCode) = request.Area is null ? (report.Area, report.WardCode) : await router.LocateAsync(request.Area, context.CancellationToken);
            var agencyId = await router.RouteAsync(category.Id, area, context.CancellationToken) ?? report.AgencyId;
            var agencyName = report.AgencyName;
            if (agencyId != report.AgencyId)
            {
                agencyName = (await context.Mediator.Send(new GetAgency(agencyId), context.CancellationToken))?.Name;
                context.Session.PublishIntegrationEvent(new FieldReportAssigned(Guid.CreateVersion7(), context.Now, report.Id, report.Code, agencyId, null));
            }

            return context.Apply(ReportAction.Recategorize, new ReportRecategorized(category.Id, area, agencyId, context.Now.AddHours(category.HandlingHours), context.Now,
                context.Actor, report.Status, $"Phản ánh được xếp vào lĩnh vực \"{category.Name}\" và chuyển theo quy tắc tiếp nhận.", ReportWorkflow.Note(request.Note),
                category.Name, agencyName, wardCode));
        });
    }

    private static void Map(IEndpointRouteBuilder staff, string action, string name, string summary, Func<ActionContext, FieldReport, StaffActionRequest, Task<ProblemHttpResult?>> act) =>
        Map<StaffActionRequest>(staff, action, name, summary, act);

    private static void Map<TRequest>(IEndpointRouteBuilder staff, string action, string name, string summary, Func<ActionContext, FieldReport, TRequest, Task<ProblemHttpResult?>> act)
        where TRequest : IReportActionRequest =>
        staff.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<ReportDetailResponse>, ProblemHttpResult>> (
                Guid id, TRequest request, ClaimsPrincipal user, IFieldReportsStore store, ReportPresenter presenter, IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var report = await session.LoadAsync<FieldReport>(id, cancellationToken);
                var viewer = ReportViewer.Of(user);
                if (report is null || !viewer.MayHandle(report))
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
                return TypedResults.Ok((await ReportingEndpoints.LoadAsync(session, id, cancellationToken))!.Detail(presenter, viewer));
            })
            .WithName(name)
            .WithSummary(summary)
            .Validate<TRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Staff);

    private sealed record ActionContext(IDocumentSession Session, IEventStream<FieldReport> Stream, IServiceProvider Services, string Actor, DateTimeOffset Now, CancellationToken CancellationToken)
    {
        public IMediator Mediator => Services.GetRequiredService<IMediator>();

        /// <summary>Checks the transition and appends its event; the endpoint saves.</summary>
        public ProblemHttpResult? Apply(ReportAction action, IReportEvent step) => ReportWorkflow.Apply(Stream, action, step);
    }
}
