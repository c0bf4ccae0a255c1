using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Http;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Submission.Receipt;

/// <summary>Giấy tiếp nhận hồ sơ và hẹn trả kết quả, as data the mini app lays out (and prints).</summary>
internal sealed record DossierReceiptResponse(
    Guid DossierId,
    string Title,
    string DossierCode,
    string AgencyName,
    string ProcedureCode,
    string ProcedureName,
    string ApplicantName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    IReadOnlyList<ReceiptDocument> Documents,
    string Delivery,
    string LookupSecret,
    string LookupUrl,
    string PageUrl,
    string QrCodeSvgUrl,
    string QrCodePngUrl,
    IReadOnlyList<string> Lines);

internal sealed record ReceiptDocument(string Key, string Name, int FileCount);

internal sealed class ReceiptBuilder(IOptions<DossiersSettings> settings, SelfAddress selfAddress, IConfiguration configuration, SignedLinks links)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The address the QR code opens: the public lookup of this code with its secret.</summary>
    public string LookupUrl(string code, string? secret)
    {
        var url = settings.Value.LookupUrlTemplate.Replace("{code}", Uri.EscapeDataString(code), StringComparison.Ordinal)
            .Replace("{secret}", Uri.EscapeDataString(secret ?? ""), StringComparison.Ordinal);
        if (PublicAddress.BaseUrl(configuration) is not null)
        {
            return PublicAddress.Of(configuration, url);
        }

        try
        {
            return selfAddress.Resolve(url).ToString();
        }
        catch (InvalidOperationException)
        {
            // No listening address (a host started for a command): the relative link still works in the app.
            return url;
        }
    }

    public DossierReceiptResponse Build(Dossier dossier, Procedure procedure, IReadOnlyCollection<DossierFile> files)
    {
        var received = dossier.SubmittedAt.ToVietnamTime();
        var documents = procedure.RequiredDocuments
            .Select(d => new ReceiptDocument(d.Key, d.Name, files.Count(f => f.RequiredDocumentKey == d.Key && f.Purpose == DossierFilePurpose.Application)))
            .Where(d => d.FileCount > 0)
            .ToList();
        var delivery = dossier.Delivery == ResultDelivery.PublicPostal
            ? $"Nhận kết quả qua dịch vụ bưu chính công ích tại địa chỉ: {dossier.DeliveryAddress}"
            : $"Nhận kết quả trực tiếp tại Bộ phận Một cửa - {dossier.ReceivingAgencyName ?? dossier.AgencyName}";
        var lines = new List<string>
        {
            $"{dossier.ReceivingAgencyName ?? dossier.AgencyName} đã nhận hồ sơ của: {dossier.Applicant.FullName}",
            $"Mã hồ sơ: {dossier.Code}",
            $"Mã bảo mật tra cứu: {dossier.LookupSecret} (giữ kín; cần khi tra cứu không đăng nhập)",
            $"Thủ tục: {procedure.Name} (mã {procedure.Code})",
            $"Thời gian nộp: {received.ToString("HH 'giờ' mm 'phút', 'ngày' dd/MM/yyyy", Vietnamese)}",
            $"Thời hạn giải quyết: {procedure.ProcessingWorkingDays} ngày làm việc",
            $"Ngày hẹn trả kết quả: {dossier.DueDate.ToString("dd/MM/yyyy", Vietnamese)} (tính lại khi hồ sơ được tiếp nhận)",
            "Giấy tờ đã nộp:",
        };
        if (dossier.ReceivingAgencyName is not null)
        {
            lines.Insert(3, $"Cơ quan giải quyết: {dossier.AgencyName} (hồ sơ được chuyển đến, thủ tục không phụ thuộc địa giới hành chính)");
        }

        lines.AddRange(documents.Select((d, i) => $"{i + 1}. {d.Name} ({d.FileCount} tệp)"));
        lines.Add(delivery);
        lines.Add("Quét mã QR hoặc nhập mã hồ sơ và mã bảo mật tra cứu để xem tình trạng hồ sơ.");

        return new DossierReceiptResponse(
            dossier.Id,
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            dossier.Code,
            dossier.AgencyName,
            procedure.Code,
            procedure.Name,
            dossier.Applicant.FullName,
            received,
            DossierStatusTexts.DueAt(dossier.DueDate),
            documents,
            delivery,
            dossier.LookupSecret ?? "",
            LookupUrl(dossier.Code, dossier.LookupSecret),
            links.Create(Tracking.FileLinks.ReceiptPagePath(dossier.Id)),
            links.Create(Tracking.FileLinks.ReceiptQrPath(dossier.Id, "svg")),
            links.Create(Tracking.FileLinks.ReceiptQrPath(dossier.Id, "png")),
            lines);
    }
}
