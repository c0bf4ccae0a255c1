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

internal sealed record QuestionResponse(Guid Id, Guid AgencyId, string Title, string Text, string? Answer, DateTimeOffset? AnsweredAt, bool Public, DateTimeOffset CreatedAt)
{
    public static QuestionResponse From(Question q) => new(q.Id, q.AgencyId, q.Title, q.Text, q.Answer, q.AnsweredAt?.ToVietnamTime(), q.Public, q.CreatedAt.ToVietnamTime());

    /// <summary>What anyone may read: phone, CCCD and e-mail typed in the question or the answer are masked.</summary>
    public static QuestionResponse ForPublic(Question q) => From(q) with
    {
        Title = PersonalDataMask.Mask(q.Title), Text = PersonalDataMask.Mask(q.Text), Answer = PersonalDataMask.Mask(q.Answer),
    };

    /// <summary>The folded words the public search matches: from the masked texts, so a number cannot be found by typing it.</summary>
    public static string SearchText(Question q) => VietnameseText.Fold($"{PersonalDataMask.Mask(q.Title)} {PersonalDataMask.Mask(q.Text)} {PersonalDataMask.Mask(q.Answer)}");
}

/// <summary>New public wording (null: unchanged), whether the question shows in the public guide, and why.</summary>
internal sealed record ModerateQuestionRequest(string? Title, string? Text, string? Answer, bool Public, string Reason);

internal sealed class ModerateQuestionRequestValidator : AbstractValidator<ModerateQuestionRequest>
{
    public ModerateQuestionRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).WithName("Tiêu đề").When(r => r.Title is not null);
        RuleFor(r => r.Text).NotEmpty().MaximumLength(4000).WithName("Câu hỏi").When(r => r.Text is not null);
        RuleFor(r => r.Answer).NotEmpty().MaximumLength(4000).WithName("Câu trả lời").When(r => r.Answer is not null);
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Vui lòng ghi rõ lý do.").MaximumLength(1000).WithName("Lý do");
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

                if (await mediator.Send(new GetAgency(request.AgencyId), cancellationToken) is null)
                {
                    return Problems.BusinessRule("question.agency_unknown", "Cơ quan không có trong danh bạ.");
                }

                return await idempotency.CreateOnceAsync(session, () =>
                {
                    var question = new Question
                    {
                        CitizenId = citizenId, AgencyId = request.AgencyId, Title = request.Title.Trim(), Text = request.Text.Trim(), CreatedAt = clock.GetUtcNow().ToUniversalTime(),
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

        citizens.MapGet("/questions", async Task<Ok<List<QuestionResponse>>> (ClaimsPrincipal user, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                await using var session = store.QuerySession();
                return TypedResults.Ok((await session.Query<Question>().Where(q => q.CitizenId == citizenId).OrderByDescending(q => q.CreatedAt).Take(100).ToListAsync(cancellationToken))
                    .Select(QuestionResponse.From).ToList());
            })
            .WithName("ListMyQuestions")
            .WithSummary("Câu hỏi của tôi và câu trả lời.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    public static void MapStaffQuestions(this IEndpointRouteBuilder staff)
    {
        staff.MapGet("/agencies/{agencyId:guid}/questions", async Task<Ok<List<QuestionResponse>>> (Guid agencyId, bool? unanswered, IFieldReportsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var asked = session.Query<Question>().Where(q => q.AgencyId == agencyId);
                if (unanswered == true)
                {
                    asked = asked.Where(q => q.Answer == null);
                }

                return TypedResults.Ok((await asked.OrderBy(q => q.CreatedAt).Take(200).ToListAsync(cancellationToken)).Select(QuestionResponse.From).ToList());
            })
            .WithName("ListAgencyQuestions")
            .WithSummary("Câu hỏi gửi đến cơ quan (lọc chưa trả lời).")
            .RequireAuthorization(ProvincePolicies.AgencyMember);

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
                return TypedResults.Ok(QuestionResponse.From(question));
            })
            .WithName("AnswerQuestion")
            .WithSummary("Cán bộ trả lời câu hỏi; đánh dấu công khai để đưa vào mục hỏi đáp.")
            .Validate<AnswerRequest>()
            .RequireAuthorization(ProvincePolicies.Staff);

        staff.MapPost("/questions/{id:guid}/moderation", async Task<Results<Ok<QuestionResponse>, ProblemHttpResult>> (
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
                    request.Title is not null || request.Text is not null || request.Answer is not null, question.Public, request.Reason.Trim()));
                session.Store(question);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(QuestionResponse.From(question));
            })
            .WithName("ModerateQuestion")
            .WithSummary("Cán bộ biên tập nội dung công khai của câu hỏi, câu trả lời (xóa thông tin cá nhân) hoặc ẩn, hiện câu hỏi trong mục hỏi đáp; ghi người, thời điểm, lý do.")
            .Validate<ModerateQuestionRequest>()
            .RequireAuthorization(ProvincePolicies.Staff);
    }
}
