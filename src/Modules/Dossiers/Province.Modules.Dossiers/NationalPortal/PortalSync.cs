using System.Globalization;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.NationalPortal;

/// <summary>
/// Turns dossier changes into the portal's calls and queues them as <see cref="PortalCallQueued"/> events,
/// staged on the caller's session for its SaveChanges (the same transaction as the change, so a call is
/// exactly as durable as what it reports). <see cref="PortalSyncSubscription"/> sends them. Field names are
/// the portal's (DongBoHoSoMC, CapNhatTienDoHoSoMC); dates are yyyyMMddHHmmss in Vietnam's time.
/// </summary>
internal sealed class PortalSync(IOptions<NationalPortalOptions> options, TimeProvider clock)
{
    public const string SyncDossier = "DongBoHoSoMC";
    public const string UpdateProgress = "CapNhatTienDoHoSoMC";

    /// <summary>A new dossier: its full record, documents included.</summary>
    public void QueueNew(IDocumentSession session, Dossier dossier, IEnumerable<DossierFile> files)
    {
        var record = Record(dossier);
        record["TaiLieuNop"] = new JsonArray([.. files
            .Where(f => f.Purpose == DossierFilePurpose.Application)
            .Select(f => new JsonObject
            {
                ["TenTepDinhKem"] = f.FileName,
                ["DuongDanTaiTepTin"] = $"/api/staff/dossiers/{dossier.Id}/files/{f.Id}",
            })]);
        Queue(session, dossier, SyncDossier, new JsonObject { ["isUpdating"] = false, ["data"] = new JsonArray(record) });
    }

    /// <summary>A status change or step: the updated record, then the progress entry.</summary>
    public void QueueProgress(IDocumentSession session, Dossier dossier, StepFacts entry)
    {
        Queue(session, dossier, SyncDossier, new JsonObject { ["isUpdating"] = true, ["data"] = new JsonArray(Record(dossier)) });
        Queue(session, dossier, UpdateProgress, new JsonObject
        {
            ["data"] = new JsonArray(new JsonObject
            {
                ["MaHoSo"] = dossier.Code,
                ["NguoiXuLy"] = entry.ActorName,
                ["ChucDanh"] = entry.Actor switch
                {
                    HistoryActor.Officer => "Cán bộ",
                    HistoryActor.Citizen => "Công dân",
                    _ => "Hệ thống",
                },
                ["ThoiDiemXuLy"] = Format(entry.At),
                ["PhongBanXuLy"] = dossier.AgencyName,
                ["NoiDungXuLy"] = entry.Note is null ? entry.Description : $"{entry.Description} Ghi chú: {entry.Note}",
                ["TrangThai"] = ((int)entry.ToStatus).ToString(CultureInfo.InvariantCulture),
                ["NgayBatDau"] = Format(dossier.AcceptedAt ?? dossier.SubmittedAt),
                ["NgayKetThucTheoQuyDinh"] = FormatDue(dossier.DueDate),
            }),
        });
    }

    private void Queue(IDocumentSession session, Dossier dossier, string service, JsonObject payload)
    {
        if (!options.Value.SyncEnabled)
        {
            return;
        }

        // A stream per call, keyed by the call: the dossier's own stream (and so the version clients see) holds its steps only.
        var callId = Guid.CreateVersion7();
        session.Events.StartStream(callId, new PortalCallQueued(callId, dossier.Id, service, payload.ToJsonString(), clock.GetUtcNow().ToUniversalTime()));
    }

    private static JsonObject Record(Dossier dossier) => new()
    {
        ["MaHoSo"] = dossier.Code,
        ["MaTTHC"] = dossier.ProcedureCode,
        ["TenTTHC"] = dossier.ProcedureName,
        ["MaLinhVuc"] = "",
        ["TenLinhVuc"] = dossier.Field,
        ["SoBienNhan"] = dossier.Code,
        ["ChuHoSo"] = dossier.Applicant.FullName,
        ["LoaiDoiTuong"] = "1",
        ["Email"] = dossier.Applicant.Email ?? "",
        ["SoDienThoai"] = dossier.Applicant.PhoneNumber ?? "",
        ["TrichYeuHoSo"] = dossier.Summary ?? dossier.ProcedureName,
        ["NgayTiepNhan"] = Format(dossier.AcceptedAt ?? dossier.SubmittedAt),
        ["NgayHenTra"] = FormatDue(dossier.DueDate),
        ["TrangThaiHoSo"] = ((int)dossier.Status).ToString(CultureInfo.InvariantCulture),
        ["NgayTra"] = dossier.ReturnedAt is { } returned ? Format(returned) : "",
        // 0: the result is collected at the office; 1: sent by the public postal service.
        ["HinhThuc"] = dossier.Delivery == ResultDelivery.PublicPostal ? "1" : "0",
        ["NgayKetThucXuLy"] = dossier.CompletedAt is { } completed ? Format(completed) : "",
        ["DonViXuLy"] = dossier.AgencyName,
        ["DanhSachLePhi"] = dossier.FeeAmount is { } fee
            ? new JsonArray(new JsonObject { ["TenPhiLePhi"] = dossier.FeeDescription ?? "Phí, lệ phí", ["MucPhi"] = fee })
            : new JsonArray(),
        ["DanhSachHoSoBoSung"] = new JsonArray(),
        ["DanhSachGiayToKetQua"] = new JsonArray(),
    };

    public static string Format(DateTimeOffset instant) =>
        instant.ToVietnamTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>A due date is the end of that working day (17:00 in Vietnam).</summary>
    private static string FormatDue(DateOnly dueDate) =>
        dueDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "170000";
}
