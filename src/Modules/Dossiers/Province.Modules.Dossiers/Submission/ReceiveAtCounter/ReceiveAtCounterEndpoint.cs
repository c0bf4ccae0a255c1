using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Submission.SubmitDossier;

namespace Province.Modules.Dossiers.Submission.ReceiveAtCounter;

/// <summary>
/// A dossier a citizen hands in on paper at the one-stop counter: the officer types the applicant in and attaches the
/// papers they scanned (<c>POST /api/staff/dossiers/uploads</c>). The officer's agency is the receiving office.
/// </summary>
internal sealed record CounterDossierRequest(
    string ProcedureCode,
    ApplicantRequest Applicant,
    string? Summary,
    IReadOnlyList<SubmittedDocument> Documents,
    DeliveryRequest Delivery) : IDossierApplication
{
    /// <summary>The submission it makes, received by <paramref name="agencyId"/> (the officer's agency).</summary>
    public SubmitDossierRequest ToSubmission(Guid agencyId) => new(ProcedureCode, Applicant, Summary, Documents, Delivery, agencyId);
}

internal sealed class CounterDossierRequestValidator(TimeProvider clock) : DossierApplicationValidator<CounterDossierRequest>(clock);

/// <summary>
/// The counter's intake goes through the citizen's submission (same checks, numbering, receipt, portal sync and
/// idempotency); only who files it differs: the officer, by name in the history, and the channel <c>counter</c>.
/// </summary>
internal static class ReceiveAtCounterEndpoint
{
    public static void MapReceiveAtCounter(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/", async (CounterDossierRequest request, ClaimsPrincipal user, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (user.GetAgencyId() is not { } agencyId)
                {
                    return Problems.Forbidden("dossier.no_agency", "Chỉ cán bộ thuộc một cơ quan mới tiếp nhận hồ sơ tại bộ phận một cửa.");
                }

                var staffId = user.GetStaffId();
                var idempotency = IdempotentRequest.For(context, $"staff:{staffId}", request);
                var officer = DossierSubmitter.Officer(staffId, user.Identity?.Name ?? "Cán bộ", agencyId);
                return await mediator.Send(new SubmitDossierCommand(officer, request.ToSubmission(agencyId), idempotency), cancellationToken);
            })
            .WithName("ReceiveDossierAtCounter")
            .WithSummary("Cán bộ tiếp nhận hồ sơ công dân nộp trực tiếp tại bộ phận một cửa của cơ quan mình: nhập thông tin người nộp, đính kèm tệp đã tải lên " +
                "(POST /api/staff/dossiers/uploads); kênh tiếp nhận counter (cần Idempotency-Key). Trả giấy tiếp nhận để in cho công dân.")
            .Validate<CounterDossierRequest>()
            .RequireIdempotencyKey()
            .Produces<DossierReceiptResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ProvincePolicies.Staff);
}
