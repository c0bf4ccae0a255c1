using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Paging;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.BuildingBlocks.Validation;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Routing;
using Province.Modules.Identity.Contracts;
using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.Questions;

internal sealed record AskRequest(Guid AgencyId, string Title, string Text);

internal sealed record AnswerRequest(string Answer, bool Public);

/// <summary>
/// A question and its answer. <see cref="Status"/>: <c>pending</c> (not answered yet), <c>answered</c>, <c>published</c>
/// (answered and in the public guide); <see cref="AllowedActions"/> is what the reader may do now (staff of the agency:
/// <c>answer</c>, <c>moderate</c>).
/// </summary>
internal sealed record QuestionResponse(
    Guid Id, Guid AgencyId, string? AgencyName, string Title, string Text, string? Answer, DateTimeOffset? AnsweredAt, bool Public, string Status, string StatusText,
    DateTimeOffset CreatedAt, IReadOnlyList<string> AllowedActions)
{
    public const string Pending = "pending";
    public const string Answered = "answered";
    public const string Published = "published";

    public static QuestionResponse From(Question q) => new(
        q.Id, q.AgencyId, q.AgencyName, q.Title, q.Text, q.Answer, q.AnsweredAt?.ToVietnamTime(), q.Public, StatusOf(q), TextOf(StatusOf(q)), q.CreatedAt.ToVietnamTime(), []);

    /// <summary>The staff view: the same, with the actions the staff member may take.</summary>
    public static QuestionResponse ForStaff(Question q, ClaimsPrincipal user) => From(q) with
    {
        AllowedActions = user.IsAdministrator() || user.GetAgencyId() == q.AgencyId ? ["answer", "moderate"] : [],
    };

    public static string StatusOf(Question q) => q.Answer is null ? Pending : q.Public ? Published : Answered;

    public static string TextOf(string status) => status switch
    {
        Pending => "Chờ trả lời",
        Answered => "Đã trả lời",
        _ => "Đã trả lời, công khai",
    };

    /// <summary>What anyone may read: phone, CCCD and e-mail typed in the question or the answer are masked.</summary>
    public static QuestionResponse ForPublic(Question q) => From(q) with
    {
        Title = PersonalDataMask.Mask(q.Title), Text = PersonalDataMask.Mask(q.Text), Answer = PersonalDataMask.Mask(q.Answer),
    };

    /// <summary>The folded words the public search matches: from the masked texts, so a number cannot be found by typing it.</summary>
    public static string SearchText(Question q) => VietnameseText.Fold($"{PersonalDataMask.Mask(q.Title)} {PersonalDataMask.Mask(q.Text)} {PersonalDataMask.Mask(q.Answer)}");
}

/// <summary>New public wording (null: unchanged), whether the question shows in the public guide, and why.</summary>
internal sealed record ModerateQuestionRequest(string? Title, string? Text, string? Answer, bool Public, string Note);

internal sealed class ModerateQuestionRequestValidator : AbstractValidator<ModerateQuestionRequest>
{
    public ModerateQuestionRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).WithName("Tiêu đề").When(r => r.Title is not null);
        RuleFor(r => r.Text).NotEmpty().MaximumLength(4000).WithName("Câu hỏi").When(r => r.Text is not null);
        RuleFor(r => r.Answer).NotEmpty().MaximumLength(4000).WithName("Câu trả lời").When(r => r.Answer is not null);
        RuleFor(r => r.Note).NotEmpty().WithMessage("Vui lòng ghi rõ lý do.").MaximumLength(1000).WithName("Lý do");
    }
}

internal sealed class AskRequestValidator : AbstractValidator<AskRequest>
{
    public AskRequestValidator()
    {
        RuleFor(r => r.AgencyId).NotEmpty().WithMessage("Vui lòng chọn cơ quan được hỏi.");
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).WithName("Tiêu đề");
        RuleFor(r => r.Text).NotEmpty().MaximumLength(4000).WithName("Câu hỏi");
    }
}

internal sealed class AnswerRequestValidator : AbstractValidator<AnswerRequest>
{
    public AnswerRequestValidator() => RuleFor(r => r.Answer).NotEmpty().MaximumLength(4000).WithName("Câu trả lời");
}

/// <summary>Hỏi đáp: a citizen asks an agency; its officers answer; answers marked public become a searchable guide.</summary>
internal static class QuestionsEndpoints
{
    public static void MapPublicQuestions(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/questions", async Task<Ok<PagedResult<QuestionResponse>>> (string? q, Guid? agencyId, int? page, int? pageSize, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                await using var session = store.QuerySession();
                var guide = session.Query<Question>().Where(x => x.Public && x.Answer != null);
                if (agencyId is not null)
                {
                    guide = guide.Where(x => x.AgencyId == agencyId);
                }

                // Every word typed (folded: "ho khau" finds "hộ khẩu") must appear.
                foreach (var word in VietnameseText.Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(10))
                {
                    guide = guide.Where(x => x.SearchText.Contains(word));
                }

                var items = await guide.Stats(out var stats).OrderByDescending(x => x.AnsweredAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                var total = (int)stats.TotalResults;
                return TypedResults.Ok(new PagedResult<QuestionResponse>([.. items.Select(QuestionResponse.ForPublic)], paging.Page, paging.PageSize, total));
            })
            .WithName("SearchPublicQuestions")
            .WithSummary("Tra cứu hỏi đáp công khai (cán bộ đã trả lời và cho công khai); gõ không dấu cũng tìm được; số điện thoại, CCCD, email được che.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);

    public static void MapCitizenQuestions(this IEndpointRouteBuilder citizens)
    {
        citizens.MapPost("/questions", async (AskRequest request, ClaimsPrincipal user, HttpContext context, IFieldReportsStore store, IMediator mediator, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                var idempotency = IdempotentRequest.For(context, citizenId.ToString(), request);
                await using var session = store.LightweightSession();
                if (await idempotency.FindEarlierAnswerAsync(session, cancellationToken) is { } earlier)
                {
                    return earlier;
                }

                var agency = await mediator.Send(new GetAgency(request.AgencyId), cancellationToken);
                if (agency is null)
                {
                    return Problems.BusinessRule("question.agency_unknown", "Cơ quan không có trong danh bạ.");
                }

                return await idempotency.CreateOnceAsync(session, () =>
                {
                    var question = new Question
                    {
                        CitizenId = citizenId, AgencyId = request.AgencyId, AgencyName = agency.Name, Title = request.Title.Trim(), Text = request.Text.Trim(), CreatedAt = clock.GetUtcNow().ToUniversalTime(),
                    };
                    question.SearchText = QuestionResponse.SearchText(question);
                    session.Insert(question);
                    var response = QuestionResponse.From(question);
                    idempotency.Remember(session, StatusCodes.Status201Created, $"/api/field-reports/questions/{question.Id}", response, question.CreatedAt);
                    return Task.FromResult<IResult>(TypedResults.Created($"/api/field-reports/questions/{question.Id}", response));
                }, explainConflict: null, cancellationToken);
            })
            .WithName("AskQuestion")
            .WithSummary("Gửi câu hỏi đến một cơ quan (cần Idempotency-Key).")
            .Validate<AskRequest>()
            .RequireIdempotencyKey()
            .Produces<QuestionResponse>(StatusCodes.Status201Created)
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/questions", async Task<Ok<PagedResult<QuestionResponse>>> (int? page, int? pageSize, ClaimsPrincipal user, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                var paging = PageRequest.From(page, pageSize);
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                var items = await session.Query<Question>().Where(q => q.CitizenId == citizenId).Stats(out var stats)
                    .OrderByDescending(q => q.CreatedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<QuestionResponse>([.. items.Select(QuestionResponse.From)], paging.Page, paging.PageSize, (int)stats.TotalResults));
            })
            .WithName("ListMyQuestions")
            .WithSummary("Câu hỏi của tôi và câu trả lời.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    public static void MapStaffQuestions(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/questions", async Task<Results<Ok<PagedResult<QuestionResponse>>, ProblemHttpResult>> (
                string? q, string? status, Guid? agencyId, int? page, int? pageSize, ClaimsPrincipal user, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                // Staff see their own agency's questions; an administrator every agency's, or one by agencyId.
                if (!user.TryScopeToAgency(agencyId, out var agency))
                {
                    return Problems.Forbidden("question.agency_forbidden", "Bạn chỉ xem được câu hỏi gửi đến cơ quan mình.");
                }

                if (status is not (null or QuestionResponse.Pending or QuestionResponse.Answered or QuestionResponse.Published))
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, "validation.invalid_parameter", "Dữ liệu gửi lên không hợp lệ",
                        "status: dùng pending (chờ trả lời), answered (đã trả lời) hoặc published (công khai).");
                }

                var paging = PageRequest.From(page, pageSize);
                await using var session = store.QuerySession();
                IQueryable<Question> asked = session.Query<Question>();
                if (agency is { } id)
                {
                    asked = asked.Where(x => x.AgencyId == id);
                }

                asked = status switch
                {
                    QuestionResponse.Pending => asked.Where(x => x.Answer == null),
                    QuestionResponse.Answered => asked.Where(x => x.Answer != null && !x.Public),
                    QuestionResponse.Published => asked.Where(x => x.Answer != null && x.Public),
                    _ => asked,
                };
                foreach (var word in VietnameseText.Fold(q).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(10))
                {
                    asked = asked.Where(x => x.SearchText.Contains(word));
                }

                var items = await ((Marten.Linq.IMartenQueryable<Question>)asked).Stats(out var stats).OrderBy(x => x.CreatedAt)
                    .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
                return TypedResults.Ok(new PagedResult<QuestionResponse>([.. items.Select(x => QuestionResponse.ForStaff(x, user))], paging.Page, paging.PageSize, (int)stats.TotalResults));
            })
            .WithName("ListStaffQuestions")
            .WithSummary("Câu hỏi gửi đến cơ quan mình (quản trị: mọi cơ quan, lọc agencyId), cũ nhất trước: tìm q (không dấu), lọc status (pending, answered, published), phân trang.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/questions/{id:guid}/answer", async Task<Results<Ok<QuestionResponse>, ProblemHttpResult>> (
                Guid id, AnswerRequest request, ClaimsPrincipal user, IFieldReportsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var question = await session.LoadAsync<Question>(id, cancellationToken);
                if (question is null || !(user.IsAdministrator() || user.GetAgencyId() == question.AgencyId))
                {
                    return Problems.NotFound("question.not_found", "Không tìm thấy câu hỏi.");
                }

                question.Answer = request.Answer.Trim();
                question.AnsweredBy = user.Identity?.Name;
                question.AnsweredAt = clock.GetUtcNow().ToUniversalTime();
                question.Public = request.Public;
                question.SearchText = QuestionResponse.SearchText(question);
                session.Store(question);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(QuestionResponse.ForStaff(question, user));
            })
            .WithName("AnswerQuestion")
            .WithSummary("Cán bộ trả lời câu hỏi; đánh dấu công khai để đưa vào mục hỏi đáp.")
            .Validate<AnswerRequest>()
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/questions/{id:guid}/moderate", async Task<Results<Ok<QuestionResponse>, ProblemHttpResult>> (
                Guid id, ModerateQuestionRequest request, ClaimsPrincipal user, IFieldReportsStore store, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var question = await session.LoadAsync<Question>(id, cancellationToken);
                if (question is null || !(user.IsAdministrator() || user.GetAgencyId() == question.AgencyId))
                {
                    return Problems.NotFound("question.not_found", "Không tìm thấy câu hỏi.");
                }

                if (request.Answer is not null && question.Answer is null)
                {
                    return Problems.BusinessRule("question.no_answer", "Câu hỏi chưa có câu trả lời để biên tập.");
                }

                question.Title = request.Title?.Trim() ?? question.Title;
                question.Text = request.Text?.Trim() ?? question.Text;
                question.Answer = request.Answer?.Trim() ?? question.Answer;
                question.Public = request.Public && question.Answer is not null;
                question.SearchText = QuestionResponse.SearchText(question);
                question.Moderations.Add(new QuestionModeration(clock.GetUtcNow().ToUniversalTime(), user.Identity?.Name ?? "Cán bộ",
                    request.Title is not null || request.Text is not null || request.Answer is not null, question.Public, request.Note.Trim()));
                session.Store(question);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(QuestionResponse.ForStaff(question, user));
            })
            .WithName("ModerateQuestion")
            .WithSummary("Cán bộ biên tập nội dung công khai của câu hỏi, câu trả lời (xóa thông tin cá nhân) hoặc ẩn, hiện câu hỏi trong mục hỏi đáp; ghi người, thời điểm, lý do.")
            .Validate<ModerateQuestionRequest>()
            .RequireAuthorization(ProvincePolicies.Staff);
    }
}
