using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
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
                Guid id, ClaimsPrincipal user, IDossiersStore store, ReceiptBuilder receipts, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var dossier = await session.LoadAsync<Dossier>(id, cancellationToken);
                if (dossier is null || dossier.CitizenId != user.GetCitizenId())
                {
                    return NotFound();
                }

                var procedure = await session.LoadAsync<Procedure>(dossier.ProcedureId, cancellationToken)
                    ?? throw new InvalidOperationException($"Procedure {dossier.ProcedureId} of dossier {dossier.Id} is missing from the catalog.");
                var files = await session.Query<DossierFile>().Where(f => f.DossierId == dossier.Id).ToListAsync(cancellationToken);
                return TypedResults.Ok(receipts.Build(dossier, procedure, [.. files]));
            })
            .WithName("GetDossierReceipt")
            .WithSummary("Giấy tiếp nhận hồ sơ và hẹn trả kết quả của hồ sơ của tôi.")
            .RequireAuthorization(ProvincePolicies.Citizen);

        citizens.MapGet("/{id:guid}/receipt/qr.{format:regex(^(svg|png)$)}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                Guid id, string format, ClaimsPrincipal user, IDossiersStore store, ReceiptBuilder receipts, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var dossier = await session.LoadAsync<Dossier>(id, cancellationToken);
                var code = dossier is not null && dossier.CitizenId == user.GetCitizenId() ? dossier.Code : null;
                if (code is null)
                {
                    return NotFound();
                }

                using var generator = new QRCodeGenerator();
                using var data = generator.CreateQrCode(receipts.LookupUrl(code, dossier!.LookupSecret), QRCodeGenerator.ECCLevel.M);
                return format == "svg"
                    ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(8)), "image/svg+xml", $"{code}.svg")
                    : TypedResults.File(new PngByteQRCode(data).GetGraphic(8), "image/png", $"{code}.png");
            })
            .WithName("GetDossierReceiptQrCode")
            .WithSummary("Mã QR của giấy tiếp nhận (SVG hoặc PNG), mở trang tra cứu hồ sơ.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    /// <summary>Someone else's dossier answers exactly like a missing one: its existence is not revealed.</summary>
    internal static ProblemHttpResult NotFound() =>
        Problems.NotFound("dossier.not_found", "Không tìm thấy hồ sơ.");
}
