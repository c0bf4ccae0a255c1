using System.Security.Cryptography;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Categories;

internal sealed record CategoryResponse(Guid Id, string Code, string Name, string? Description, int HandlingHours, bool Active, IReadOnlyList<AnswerTemplateDto> AnswerTemplates, Guid? EscalationAgencyId)
{
    public static CategoryResponse From(Category c) =>
        new(c.Id, c.Code, c.Name, c.Description, c.HandlingHours, c.Active, [.. c.AnswerTemplates.Select(t => new AnswerTemplateDto(t.Title, t.Text))], c.EscalationAgencyId);
}

internal sealed record AnswerTemplateDto(string Title, string Text);

/// <summary><see cref="EscalationAgencyId"/>: the competent department an overdue report of a commune goes to (null: the parent agency).</summary>
internal sealed record CategoryRequest(string Code, string Name, string? Description, int HandlingHours, bool Active, IReadOnlyList<AnswerTemplateDto>? AnswerTemplates,
    Guid? EscalationAgencyId = null);

internal sealed record RoutingRuleRequest(int Order, Guid? CategoryId, string? Area, Guid AgencyId);

internal sealed record Open311ClientRequest(string Name);

internal sealed class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    public CategoryRequestValidator()
    {
        RuleFor(r => r.Code).NotEmpty().MaximumLength(50).Matches("^[a-z0-9-]+$").WithMessage("Mã lĩnh vực gồm chữ thường không dấu, số và gạch nối, ví dụ chieu-sang.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).WithName("Tên lĩnh vực");
        RuleFor(r => r.Description).MaximumLength(1000).WithName("Mô tả");
        RuleFor(r => r.HandlingHours).InclusiveBetween(1, 24 * 90).WithName("Thời hạn xử lý (giờ)");
    }
}

internal sealed class RoutingRuleRequestValidator : AbstractValidator<RoutingRuleRequest>
{
    public RoutingRuleRequestValidator()
    {
        RuleFor(r => r.Order).InclusiveBetween(0, 100_000).WithName("Thứ tự");
        RuleFor(r => r.AgencyId).NotEmpty().WithMessage("Vui lòng chọn cơ quan tiếp nhận.");
        RuleFor(r => r.Area).MaximumLength(200).WithName("Xã, phường");
    }
}

internal sealed class Open311ClientRequestValidator : AbstractValidator<Open311ClientRequest>
{
    public Open311ClientRequestValidator() => RuleFor(r => r.Name).NotEmpty().MaximumLength(200).WithName("Tên ứng dụng");
}

/// <summary>What administrators configure: categories (with deadlines and answer templates), routing rules, Open311 keys.</summary>
internal static class CategoriesEndpoints
{
    public static void MapPublicCategories(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/categories", async Task<Ok<PagedResult<CategoryResponse>>> (int? page, int? pageSize, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                await using var session = store.QuerySession();
                var items = await session.Query<Category>().Where(c => c.Active).Stats(out var stats).OrderBy(c => c.Name)
                    .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<CategoryResponse>([.. items.Select(CategoryResponse.From)], paging.Page, paging.PageSize, (int)stats.TotalResults));
            })
            .WithName("ListFieldReportCategories")
            .WithSummary("Các lĩnh vực đang nhận phản ánh, với thời hạn xử lý.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);

    public static void MapAdministration(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/categories", async Task<Ok<PagedResult<CategoryResponse>>> (int? page, int? pageSize, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                await using var session = store.QuerySession();
                var items = await session.Query<Category>().Stats(out var stats).OrderBy(c => c.Name)
                    .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<CategoryResponse>([.. items.Select(CategoryResponse.From)], paging.Page, paging.PageSize, (int)stats.TotalResults));
            })
            .WithName("ListAllFieldReportCategories")
            .WithSummary("Quản trị xem mọi lĩnh vực phản ánh, cả lĩnh vực đã ngừng nhận (để sửa, nhận lại).")
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapPost("/categories", async Task<Results<Created<CategoryResponse>, ProblemHttpResult>> (
                CategoryRequest request, IFieldReportsStore store, ReferenceData referenceData, MediatR.IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (await UnknownEscalationAgencyAsync(request, mediator, cancellationToken) is { } unknown)
                {
                    return unknown;
                }

                await using var session = store.LightweightSession();
                if (await session.Query<Category>().AnyAsync(c => c.Code == request.Code, cancellationToken))
                {
                    return Problems.Conflict("field_report.category_exists", $"Đã có lĩnh vực mã {request.Code}.");
                }

                var category = new Category { Code = request.Code, Name = request.Name.Trim() };
                Copy(request, category);
                session.Insert(category);
                await session.SaveChangesAsync(cancellationToken);
                referenceData.Evict();
                return TypedResults.Created($"/api/public/field-reports/categories/{category.Id}", CategoryResponse.From(category));
            })
            .WithName("CreateFieldReportCategory")
            .WithSummary("Quản trị thêm lĩnh vực phản ánh.")
            .Validate<CategoryRequest>()
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapPut("/categories/{id:guid}", async Task<Results<Ok<CategoryResponse>, ProblemHttpResult>> (
                Guid id, CategoryRequest request, IFieldReportsStore store, ReferenceData referenceData, MediatR.IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (await UnknownEscalationAgencyAsync(request, mediator, cancellationToken) is { } unknown)
                {
                    return unknown;
                }

                await using var session = store.LightweightSession();
                var category = await session.LoadAsync<Category>(id, cancellationToken);
                if (category is null)
                {
                    return Problems.NotFound("field_report.category_not_found", "Không tìm thấy lĩnh vực.");
                }

                Copy(request, category);
                session.Store(category);
                await session.SaveChangesAsync(cancellationToken);
                referenceData.Evict();
                return TypedResults.Ok(CategoryResponse.From(category));
            })
            .WithName("UpdateFieldReportCategory")
            .WithSummary("Quản trị sửa lĩnh vực: tên, thời hạn, đang nhận hay ngừng, mẫu trả lời (mã không đổi).")
            .Validate<CategoryRequest>()
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapGet("/routing-rules", async Task<Ok<PagedResult<RoutingRule>>> (int? page, int? pageSize, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                await using var session = store.QuerySession();
                var items = await session.Query<RoutingRule>().Stats(out var stats).OrderBy(r => r.Order).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<RoutingRule>(items, paging.Page, paging.PageSize, (int)stats.TotalResults));
            })
            .WithName("ListFieldReportRoutingRules")
            .WithSummary("Quy tắc chuyển phản ánh, theo thứ tự áp dụng.")
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapPost("/routing-rules", async Task<Results<Created<RoutingRule>, ProblemHttpResult>> (
                RoutingRuleRequest request, IFieldReportsStore store, ReferenceData referenceData, MediatR.IMediator mediator, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                if (await RuleProblemAsync(request, session, mediator, cancellationToken) is { } problem)
                {
                    return problem;
                }

                var rule = new RoutingRule { Order = request.Order, CategoryId = request.CategoryId, Area = string.IsNullOrWhiteSpace(request.Area) ? null : request.Area.Trim(), AgencyId = request.AgencyId };
                session.Insert(rule);
                await session.SaveChangesAsync(cancellationToken);
                referenceData.Evict();
                return TypedResults.Created($"/api/staff/field-reports/routing-rules/{rule.Id}", rule);
            })
            .WithName("CreateFieldReportRoutingRule")
            .Validate<RoutingRuleRequest>()
            .WithSummary("Quản trị thêm quy tắc: lĩnh vực và xã/phường (để trống = mọi) → cơ quan; thứ tự nhỏ áp dụng trước.")
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapPut("/routing-rules/{id:guid}", async Task<Results<Ok<RoutingRule>, ProblemHttpResult>> (
                Guid id, RoutingRuleRequest request, IFieldReportsStore store, ReferenceData referenceData, MediatR.IMediator mediator, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var rule = await session.LoadAsync<RoutingRule>(id, cancellationToken);
                if (rule is null)
                {
                    return Problems.NotFound("field_report.routing_rule_not_found", "Không tìm thấy quy tắc chuyển phản ánh.");
                }

                if (await RuleProblemAsync(request, session, mediator, cancellationToken) is { } problem)
                {
                    return problem;
                }

                rule.Order = request.Order;
                rule.CategoryId = request.CategoryId;
                rule.Area = string.IsNullOrWhiteSpace(request.Area) ? null : request.Area.Trim();
                rule.AgencyId = request.AgencyId;
                session.Store(rule);
                await session.SaveChangesAsync(cancellationToken);
                referenceData.Evict();
                return TypedResults.Ok(rule);
            })
            .WithName("UpdateFieldReportRoutingRule")
            .Validate<RoutingRuleRequest>()
            .WithSummary("Quản trị sửa một quy tắc: thứ tự, lĩnh vực, xã/phường, cơ quan nhận; áp dụng cho phản ánh gửi sau đó.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapDelete("/routing-rules/{id:guid}", async Task<NoContent> (Guid id, IFieldReportsStore store, ReferenceData referenceData, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                session.Delete<RoutingRule>(id);
                await session.SaveChangesAsync(cancellationToken);
                referenceData.Evict();
                return TypedResults.NoContent();
            })
            .WithName("DeleteFieldReportRoutingRule")
            .WithSummary("Quản trị xóa một quy tắc chuyển phản ánh.")
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapPost("/open311-clients", async Task<Created<Open311ClientCreated>> (Open311ClientRequest request, IFieldReportsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
                var client = new Open311Client { Name = request.Name.Trim(), KeyHash = Open311.Open311Keys.Hash(key), CreatedAt = clock.GetUtcNow().ToUniversalTime() };
                await using var session = store.LightweightSession();
                session.Insert(client);
                await session.SaveChangesAsync(cancellationToken);
                // The key is shown once; only its hash is kept.
                return TypedResults.Created($"/api/staff/field-reports/open311-clients/{client.Id}", new Open311ClientCreated(client.Id, client.Name, key));
            })
            .WithName("IssueOpen311ApiKey")
            .Validate<Open311ClientRequest>()
            .WithSummary("Quản trị cấp api_key cho một ứng dụng Open311 (khóa chỉ hiện một lần).")
            .RequireAuthorization(ProvincePolicies.Administrator);
    }

    /// <summary>A rule names an agency of the directory and, when it names one, an existing category.</summary>
    private static async Task<ProblemHttpResult?> RuleProblemAsync(RoutingRuleRequest request, IQuerySession session, MediatR.IMediator mediator, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new Province.Modules.Identity.Contracts.GetAgency(request.AgencyId), cancellationToken) is null)
        {
            return Problems.BusinessRule("field_report.agency_unknown", "Cơ quan tiếp nhận không có trong danh bạ.");
        }

        return request.CategoryId is { } categoryId && await session.LoadAsync<Category>(categoryId, cancellationToken) is null
            ? Problems.BusinessRule("field_report.category_unknown", "Lĩnh vực này không có.")
            : null;
    }

    private static async Task<ProblemHttpResult?> UnknownEscalationAgencyAsync(CategoryRequest request, MediatR.IMediator mediator, CancellationToken cancellationToken) =>
        request.EscalationAgencyId is { } agencyId && await mediator.Send(new Province.Modules.Identity.Contracts.GetAgency(agencyId), cancellationToken) is null
            ? Problems.BusinessRule("field_report.agency_unknown", "Cơ quan có thẩm quyền nhận phản ánh quá hạn không có trong danh bạ.")
            : null;

    private static void Copy(CategoryRequest request, Category category)
    {
        category.EscalationAgencyId = request.EscalationAgencyId;
        category.Name = request.Name.Trim();
        category.Description = request.Description?.Trim();
        category.HandlingHours = request.HandlingHours;
        category.Active = request.Active;
        category.AnswerTemplates = [.. (request.AnswerTemplates ?? []).Select(t => new AnswerTemplate { Title = t.Title, Text = t.Text })];
    }
}

internal sealed record Open311ClientCreated(Guid Id, string Name, string ApiKey);
