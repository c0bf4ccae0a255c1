using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Tracking.LookupDossier;

internal static class LookupDossierEndpoint
{
    public static void MapLookupDossier(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/lookup/{code}", async Task<Results<Ok<DossierLookupResponse>, ProblemHttpResult>> (
                string code, DossiersDbContext db, DeadlinePolicy deadlines, CancellationToken cancellationToken) =>
            {
                // Only the columns the public page shows, in one round trip (not the whole dossier row).
                var wanted = code.Trim();
                var dossier = code.Length > 40 ? null : await db.Dossiers.AsNoTracking()
                    .Where(d => d.Code == wanted)
                    .Select(d => new
                    {
                        d.Code, d.ProcedureName, d.AgencyName, d.Applicant.FullName, d.Status, d.SubmittedAt, d.DueDate,
                        Steps = d.History.OrderBy(h => h.Id).Select(h => new { h.At, h.ToStatus }).ToList(),
                    })
                    .FirstOrDefaultAsync(cancellationToken);
                if (dossier is null)
                {
                    return Problems.NotFound("dossier.not_found", $"Không tìm thấy hồ sơ có mã {code}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.");
                }

                return TypedResults.Ok(new DossierLookupResponse(
                    dossier.Code,
                    dossier.ProcedureName,
                    dossier.AgencyName,
                    PersonalData.MaskName(dossier.FullName),
                    (int)dossier.Status,
                    dossier.Status.Text(),
                    dossier.SubmittedAt.ToVietnamTime(),
                    dossier.DueDate,
                    DossierSummaryResponse.TimelinessName(deadlines.Of(dossier.Status, dossier.DueDate)),
                    [.. dossier.Steps.Select(h => new LookupStep(h.At.ToVietnamTime(), (int)h.ToStatus, h.ToStatus.Text()))]));
            })
            .WithName("LookupDossier")
            .WithSummary("Tra cứu công khai theo mã hồ sơ (mã QR trên giấy tiếp nhận): chỉ trạng thái và ngày hẹn, tên người nộp được che.")
            .AllowAnonymous()
            .RequireRateLimiting("anonymous");
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
