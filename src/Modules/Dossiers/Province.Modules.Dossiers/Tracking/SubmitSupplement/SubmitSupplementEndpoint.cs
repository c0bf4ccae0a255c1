using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Processing;
using Province.Modules.Dossiers.Tracking;
using Province.Modules.Dossiers.Submission.SubmitDossier;

namespace Province.Modules.Dossiers.Tracking.SubmitSupplement;

internal static class SubmitSupplementEndpoint
{
    public static void MapSubmitSupplement(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/supplements", async Task<Results<Ok<DossierDetailResponse>, ProblemHttpResult>> (
                Guid id, SubmitSupplementRequest request, ClaimsPrincipal user, DossierActionRunner runner, DossierWorkflow workflow,
                CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                return await runner.RunAsync(id, DossierReader.Citizen, d => d.CitizenId == citizenId, request.Version, async change =>
                {
                    var dossier = change.Dossier;
                    if (DossierWorkflow.Check(dossier, DossierAction.SubmitSupplement) is { } refusal)
                    {
                        return refusal;
                    }

                    var fileIds = request.Documents.SelectMany(d => d.FileIds).Distinct().ToList();
                    var files = (await change.Session.LoadManyAsync<DossierFile>(cancellationToken, fileIds))
                        .Where(f => f.CitizenId == citizenId && f.DossierId == null)
                        .ToList();
                    if (files.Count != fileIds.Count)
                    {
                        return Problems.BusinessRule("dossier.file_unavailable",
                            "Có tệp không tồn tại, không phải của bạn hoặc đã nộp kèm hồ sơ khác. Vui lòng tải tệp lên lại.");
                    }

                    var attached = new List<AttachedFile>();
                    foreach (var document in request.Documents)
                    {
                        foreach (var file in files.Where(f => document.FileIds.Contains(f.Id)))
                        {
                            file.DossierId = dossier.Id;
                            file.Purpose = DossierFilePurpose.Supplement;
                            file.RequiredDocumentKey = document.DocumentKey;
                            // Saved with the step, in the same SaveChanges.
                            change.Session.Store(file);
                            attached.Add(new AttachedFile(file.Id, document.DocumentKey, file.FileName));
                        }
                    }

                    return workflow.Apply(change, DossierAction.SubmitSupplement, Actor.Citizen(citizenId), request.Message,
                        "Bạn đã nộp bổ sung giấy tờ; hồ sơ tiếp tục được xử lý. Ngày hẹn trả mới: {dueDate}.",
                        step => new SupplementSubmitted(step, attached));
                }, cancellationToken);
            })
            .WithName("SubmitDossierSupplement")
            .WithSummary("Nộp bổ sung giấy tờ khi cơ quan yêu cầu (tải tệp lên trước qua /uploads); thời hạn giải quyết chạy tiếp.")
            .Validate<SubmitSupplementRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);
}

internal sealed record SubmitSupplementRequest(IReadOnlyList<SubmittedDocument> Documents, string? Message, [property: JsonRequired] int Version);

internal sealed class SubmitSupplementRequestValidator : AbstractValidator<SubmitSupplementRequest>
{
    public SubmitSupplementRequestValidator()
    {
        RuleFor(r => r.Documents).NotEmpty().WithMessage("Vui lòng đính kèm giấy tờ bổ sung.");
        RuleForEach(r => r.Documents).ChildRules(document =>
        {
            document.RuleFor(d => d.DocumentKey).NotEmpty().MaximumLength(20).WithName("Mã giấy tờ");
            document.RuleFor(d => d.FileIds).NotEmpty().WithMessage("Mỗi giấy tờ cần ít nhất một tệp.")
                .Must(ids => ids.Count <= 10).WithMessage("Mỗi giấy tờ tối đa 10 tệp.");
        }).When(r => r.Documents is not null);
        RuleFor(r => r.Message).MaximumLength(1000).WithName("Ghi chú");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}
