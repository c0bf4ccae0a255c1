using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Files;
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
            .WithSummary("Giấy tiếp nhận hồ sơ và hẹn trả kết quả của hồ sơ của tôi; pageUrl, qrCodeSvgUrl, qrCodePngUrl là liên kết có chữ ký mở được không cần đăng nhập (15 phút).")
            .RequireAuthorization(ProvincePolicies.Citizen);

        // The receipt as a page to print or share, and its QR code, by signed link: a browser opens them without headers.
        citizens.MapGet("/{id:guid}/receipt/page", async Task<Results<ContentHttpResult, ProblemHttpResult>> (
                Guid id, IDossiersStore store, ReceiptBuilder receipts, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var dossier = await session.LoadAsync<Dossier>(id, cancellationToken);
                var procedure = dossier is null ? null : await session.LoadAsync<Procedure>(dossier.ProcedureId, cancellationToken);
                if (dossier is null || procedure is null)
                {
                    return NotFound();
                }

                var files = await session.Query<DossierFile>().Where(f => f.DossierId == dossier.Id).ToListAsync(cancellationToken);
                var receipt = receipts.Build(dossier, procedure, [.. files]);
                var qr = QrSvg(receipts.LookupUrl(dossier.Code, dossier.LookupSecret));
                var encode = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
                var html = new System.Text.StringBuilder("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>")
                    .Append(encode.Encode(receipt.Title)).Append("</title></head><body><h1>").Append(encode.Encode(receipt.Title)).Append("</h1>");
                foreach (var line in receipt.Lines)
                {
                    html.Append("<p>").Append(encode.Encode(line)).Append("</p>");
                }

                html.Append("<div>").Append(qr).Append("</div></body></html>");
                return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
            })
            .WithName("GetDossierReceiptPageBySignedLink")
            .WithSummary("Giấy tiếp nhận dạng trang HTML để in hoặc chia sẻ, mở bằng liên kết có chữ ký (pageUrl của giấy tiếp nhận).")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireSignedLink();

        citizens.MapGet("/{id:guid}/receipt/qr-code.{format:regex(^(svg|png)$)}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
                Guid id, string format, IDossiersStore store, ReceiptBuilder receipts, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var dossier = await session.LoadAsync<Dossier>(id, cancellationToken);
                return dossier is null ? NotFound() : QrFile(receipts, dossier, format);
            })
            .WithName("GetDossierReceiptQrCodeBySignedLink")
            .WithSummary("Mã QR của giấy tiếp nhận (SVG hoặc PNG) bằng liên kết có chữ ký (qrCodeSvgUrl, qrCodePngUrl), dùng được trong thẻ <img>.")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "image/svg+xml", additionalContentTypes: ["image/png"])
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireSignedLink();

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

                return QrFile(receipts, dossier!, format);
            })
            .WithName("GetDossierReceiptQrCode")
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "image/svg+xml", additionalContentTypes: ["image/png"])
            .WithSummary("Mã QR của giấy tiếp nhận (SVG hoặc PNG), mở trang tra cứu hồ sơ.")
            .RequireAuthorization(ProvincePolicies.Citizen);
    }

    private static FileContentHttpResult QrFile(ReceiptBuilder receipts, Dossier dossier, string format)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(receipts.LookupUrl(dossier.Code, dossier.LookupSecret), QRCodeGenerator.ECCLevel.M);
        return format == "svg"
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(8)), "image/svg+xml", $"{dossier.Code}.svg")
            : TypedResults.File(new PngByteQRCode(data).GetGraphic(8), "image/png", $"{dossier.Code}.png");
    }

    private static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }

    /// <summary>Someone else's dossier answers exactly like a missing one: its existence is not revealed.</summary>
    internal static ProblemHttpResult NotFound() =>
        Problems.NotFound("dossier.not_found", "Không tìm thấy hồ sơ.");
}
