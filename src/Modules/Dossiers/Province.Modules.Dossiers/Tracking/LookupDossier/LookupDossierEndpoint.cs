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
    /// <summary>
    /// Compiled once: the busiest public read skips EF's per-call expression-tree comparison and cache
    /// lookup. Only the columns the public page shows, in one round trip (not the whole dossier row).
    /// </summary>
    private static readonly Func<DossiersDbContext, string, CancellationToken, Task<LookupRow?>> FindByCode =
        EF.CompileAsyncQuery((DossiersDbContext db, string code, CancellationToken cancellationToken) => db.Dossiers.AsNoTracking()
            .Where(d => d.Code == code)
            .Select(d => new LookupRow(d.Code, d.ProcedureName, d.AgencyName, d.Applicant.FullName, d.Status, d.SubmittedAt, d.DueDate,
                d.History.OrderBy(h => h.Id).Select(h => new LookupRowStep(h.At, h.ToStatus)).ToList()))
            .FirstOrDefault());

    public static void MapLookupDossier(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/lookup/{code}", async Task<Results<Ok<DossierLookupResponse>, ProblemHttpResult>> (
                string code, DossiersDbContext db, DeadlinePolicy deadlines, CancellationToken cancellationToken) =>
            {
                var dossier = code.Length > 40 ? null : await FindByCode(db, code.Trim(), cancellationToken);
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

internal sealed record LookupRow(string Code, string ProcedureName, string AgencyName, string FullName, DossierStatus Status,
    DateTimeOffset SubmittedAt, DateOnly DueDate, List<LookupRowStep> Steps);

internal sealed record LookupRowStep(DateTimeOffset At, DossierStatus ToStatus);
