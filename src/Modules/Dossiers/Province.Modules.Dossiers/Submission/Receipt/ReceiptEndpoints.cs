using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;
using QRCoder;

namespace Province.Modules.Dossiers.Submission.Receipt;

internal static class ReceiptEndpoints
{
    public static void MapReceipt(this IEndpointRouteBuilder citizens)
    {
        citizens.MapGet("/{id:guid}/receipt", async Task<Results<Ok<DossierReceiptResponse>, ProblemHttpResult>> (
                Guid id, ClaimsPrincipal user, DossiersDbContext db, ReceiptBuilder receipts, CancellationToken cancellationToken) =>
            {
                var dossier = await OwnDossierAsync(db, id, user.GetCitizenId(), cancellationToken);
                if (dossier is null)
                {
                    return NotFound();
                }

                var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == dossier.ProcedureId, cancellationToken);
                return TypedResults.Ok(receipts.Build(dossier, procedure));
            })
            .WithName("GetDossierReceipt")
            .WithSummary("Giấy tiếp nhận hồ sơ và hẹn trả kết quả của hồ sơ của tôi.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/{id:guid}/receipt/qr.{format:regex(^(svg|png)$)}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                Guid id, string format, ClaimsPrincipal user, DossiersDbContext db, ReceiptBuilder receipts, CancellationToken cancellationToken) =>
            {
                var code = await db.Dossiers.AsNoTracking()
                    .Where(d => d.Id == id && d.CitizenId == user.GetCitizenId())
                    .Select(d => d.Code)
                    .SingleOrDefaultAsync(cancellationToken);
                if (code is null)
                {
                    return NotFound();
                }

                using var generator = new QRCodeGenerator();
                using var data = generator.CreateQrCode(receipts.LookupUrl(code), QRCodeGenerator.ECCLevel.M);
                return format == "svg"
                    ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(8)), "image/svg+xml", $"{code}.svg")
                    : TypedResults.File(new PngByteQRCode(data).GetGraphic(8), "image/png", $"{code}.png");
            })
            .WithName("GetDossierReceiptQrCode")
            .WithSummary("Mã QR của giấy tiếp nhận (SVG hoặc PNG), mở trang tra cứu hồ sơ.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    private static async Task<Dossier?> OwnDossierAsync(DossiersDbContext db, Guid id, Guid citizenId, CancellationToken cancellationToken) =>
        await db.Dossiers.AsNoTracking().Include(d => d.Files)
            .SingleOrDefaultAsync(d => d.Id == id && d.CitizenId == citizenId, cancellationToken);

    /// <summary>Someone else's dossier answers exactly like a missing one: its existence is not revealed.</summary>
    internal static ProblemHttpResult NotFound() =>
        Problems.NotFound("dossier.not_found", "Không tìm thấy hồ sơ.");
}
