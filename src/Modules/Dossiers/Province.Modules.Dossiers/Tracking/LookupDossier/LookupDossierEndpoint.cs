using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Marten.Linq;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Text;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Tracking.LookupDossier;

internal static class LookupDossierEndpoint
{
    public static void MapLookupDossier(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/lookup/{code}", async Task<Results<Ok<DossierLookupResponse>, ProblemHttpResult>> (
                string code, string? secret, IDossiersStore store, DeadlinePolicy deadlines, CancellationToken cancellationToken) =>
            {
                DossierLookup? lookup = null;
                if (code.Length <= 40 && !string.IsNullOrWhiteSpace(secret) && secret.Length <= 40)
                {
                    // One small row (the lookup view, not the whole dossier) through the unique index on the duplicated code.
                    await using var session = store.QuerySession();
                    lookup = await session.QueryAsync(new DossierLookupByCode { Code = code.Trim() }, cancellationToken);
                }

                // A wrong code and a wrong secret answer alike: the answer never says whether a code exists.
                if (lookup is null || !DossierLookupSecret.Matches(lookup.LookupSecret, secret))
                {
                    return Problems.NotFound("dossier.not_found",
                        "Không tìm thấy hồ sơ với mã hồ sơ và mã bảo mật tra cứu này. Vui lòng kiểm tra lại hai mã trên giấy tiếp nhận.");
                }

                return TypedResults.Ok(new DossierLookupResponse(
                    lookup.Code,
                    lookup.ProcedureName,
                    lookup.AgencyName,
                    lookup.Status.Name(),
                    lookup.Status.Text(),
                    lookup.SubmittedAt.ToVietnamTime(),
                    DossierStatusTexts.DueAt(lookup.DueDate),
                    DossierSummaryResponse.TimelinessName(deadlines.Of(lookup.Status, lookup.DueDate)),
                    [.. lookup.Steps.Select(h => new LookupStep(h.At.ToVietnamTime(), h.Status.Name(), h.Status.Text()))]));
            })
            .WithName("LookupDossier")
            .WithSummary("Tra cứu công khai theo mã hồ sơ và mã bảo mật tra cứu (cả hai in trên giấy tiếp nhận và trong mã QR): chỉ thủ tục, trạng thái và ngày hẹn, không có thông tin cá nhân.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}

/// <summary>
/// The public lookup's query, compiled once by Marten: the LINQ expression is parsed and its SQL built on first use, not on
/// every lookup (the most frequent anonymous read).
/// </summary>
internal sealed class DossierLookupByCode : ICompiledQuery<DossierLookup, DossierLookup?>
{
    public string Code { get; init; } = "";

    public Expression<Func<IMartenQueryable<DossierLookup>, DossierLookup?>> QueryIs() => lookups => lookups.FirstOrDefault(l => l.Code == Code);
}

/// <summary>The lookup secret: 8 characters people can read off paper (no 0/O, 1/I/L), about 40 random bits.</summary>
internal static class DossierLookupSecret
{
    public static string New() => PublicCodes.New("", 8);

    /// <summary>Compared in constant time, ignoring case, spaces and dashes people add when typing.</summary>
    public static bool Matches(string? expected, string? typed)
    {
        if (string.IsNullOrEmpty(expected) || typed is null)
        {
            return false;
        }

        var normalized = new string([.. typed.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant)]);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(normalized));
    }
}

/// <summary>What the screen at the counter shows: no name, no documents, no contact data, no officers' notes.</summary>
internal sealed record DossierLookupResponse(
    string Code,
    string ProcedureName,
    string AgencyName,
    string Status,
    string StatusText,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    string Timeliness,
    IReadOnlyList<LookupStep> Steps);

internal sealed record LookupStep(DateTimeOffset At, string Status, string StatusText);
