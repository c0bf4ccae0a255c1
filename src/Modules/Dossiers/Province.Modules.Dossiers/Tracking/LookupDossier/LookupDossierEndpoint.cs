using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Tracking.LookupDossier;

internal static class LookupDossierEndpoint
{
    public static void MapLookupDossier(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/lookup/{code}", async Task<Results<Ok<DossierLookupResponse>, ProblemHttpResult>> (
                string code, IDossiersStore store, DeadlinePolicy deadlines, CancellationToken cancellationToken) =>
            {
                Dossier? dossier = null;
                if (code.Length <= 40)
                {
                    // One row through the unique index on the duplicated code; the timeline is on the snapshot.
                    await using var session = store.QuerySession();
                    var trimmed = code.Trim();
                    dossier = await session.Query<Dossier>().FirstOrDefaultAsync(d => d.Code == trimmed, cancellationToken);
                }

                if (dossier is null)
                {
                    return Problems.NotFound("dossier.not_found", $"Không tìm thấy hồ sơ có mã {code}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.");
                }

                return TypedResults.Ok(new DossierLookupResponse(
                    dossier.Code,
                    dossier.ProcedureName,
                    dossier.AgencyName,
                    PersonalData.MaskName(dossier.Applicant.FullName),
                    (int)dossier.Status,
                    dossier.Status.Text(),
                    dossier.SubmittedAt.ToVietnamTime(),
                    dossier.DueDate,
                    DossierSummaryResponse.TimelinessName(deadlines.Of(dossier.Status, dossier.DueDate)),
                    [.. dossier.Steps.Select(h => new LookupStep(h.At.ToVietnamTime(), (int)h.Status, h.Status.Text()))]));
            })
            .WithName("LookupDossier")
            .WithSummary("Tra cứu công khai theo mã hồ sơ (mã QR trên giấy tiếp nhận): chỉ trạng thái và ngày hẹn, tên người nộp được che.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}

/// <summary>What the screen at the counter shows: no documents, no contact data, no officers' notes.</summary>
internal sealed record DossierLookupResponse(
    string Code,
    string ProcedureName,
    string AgencyName,
    string ApplicantName,
    int Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateOnly DueDate,
    string Timeliness,
    IReadOnlyList<LookupStep> Steps);

internal sealed record LookupStep(DateTimeOffset At, int Status, string StatusText);
