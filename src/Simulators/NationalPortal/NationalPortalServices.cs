using System.Globalization;
using System.Text.Json;

namespace Province.Simulators.NationalPortal;

/// <summary>
/// The services callable through <c>POST /service</c>, validating as strictly as the portal does: a batch with
/// one bad entry is refused whole (error_code 400 naming the field), so nothing half-applied hides a defect
/// in our adapter.
/// </summary>
internal static class NationalPortalServices
{
    private static readonly string[] DossierDates = ["NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy"];

    private static readonly string[] ProgressDates = ["ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh"];

    /// <summary>Dispatches one call; the caller holds the state's lock.</summary>
    public static PortalReply Handle(string service, JsonElement call, NationalPortalSimulatorState state) => service switch
    {
        "LayDanhSachTTHC" => PortalReply.Ok(NationalPortalCatalog.Summaries),
        "LayThuTuc" => GetProcedure(call),
        "DongBoHoSoMC" => SyncDossiers(call, state),
        "CapNhatTienDoHoSoMC" => UpdateProgress(call, state),
        "TraCuuHoSo" => LookUpDossier(call, state),
        _ => PortalReply.NotFound($"Không tìm thấy dịch vụ {service}"),
    };

    private static PortalReply GetProcedure(JsonElement call)
    {
        if (PortalJson.GetString(call, "maTTHC") is not { Length: > 0 } code)
        {
            return PortalReply.BadRequest("Thiếu mã thủ tục hành chính (maTTHC)");
        }

        return NationalPortalCatalog.Find(code) is { } procedure
            ? PortalReply.Ok(procedure)
            : PortalReply.NotFound($"Không tìm thấy thủ tục hành chính có mã {code}");
    }

    private static PortalReply SyncDossiers(JsonElement call, NationalPortalSimulatorState state)
    {
        if (call.TryGetProperty("isUpdating", out var isUpdating)
            && isUpdating.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return PortalReply.BadRequest("isUpdating phải là true hoặc false");
        }

        if (!TryGetEntries(call, out var entries, out var refusal))
        {
            return refusal;
        }

        var accepted = new List<(string MaHoSo, JsonElement Dossier)>(entries.Count);
        for (var index = 0; index < entries.Count; index++)
        {
            var dossier = entries[index];
            if (PortalJson.GetString(dossier, "MaHoSo") is not { } maHoSo || string.IsNullOrWhiteSpace(maHoSo))
            {
                return PortalReply.BadRequest(Field(index, "MaHoSo", "là bắt buộc"));
            }

            if (!IsDossierStatus(dossier))
            {
                return PortalReply.BadRequest(Field(index, "TrangThaiHoSo", "phải là số từ 1 đến 10"));
            }

            foreach (var date in DossierDates)
            {
                if (!PortalJson.IsEmptyOrPortalDate(dossier, date))
                {
                    return PortalReply.BadRequest(Field(index, date, "phải để trống hoặc có dạng " + PortalJson.DateFormat));
                }
            }

            accepted.Add((maHoSo, dossier));
        }

        foreach (var (maHoSo, dossier) in accepted)
        {
            state.SaveDossier(maHoSo, dossier);
        }

        return PortalReply.Ok(new { success = accepted.Count });
    }

    private static PortalReply UpdateProgress(JsonElement call, NationalPortalSimulatorState state)
    {
        if (!TryGetEntries(call, out var entries, out var refusal))
        {
            return refusal;
        }

        var accepted = new List<(string MaHoSo, JsonElement Entry)>(entries.Count);
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            if (PortalJson.GetString(entry, "MaHoSo") is not { } maHoSo || string.IsNullOrWhiteSpace(maHoSo))
            {
                return PortalReply.BadRequest(Field(index, "MaHoSo", "là bắt buộc"));
            }

            foreach (var date in ProgressDates)
            {
                if (!PortalJson.IsEmptyOrPortalDate(entry, date))
                {
                    return PortalReply.BadRequest(Field(index, date, "phải để trống hoặc có dạng " + PortalJson.DateFormat));
                }
            }

            if (!state.HasDossier(maHoSo))
            {
                return PortalReply.NotFound("Hồ sơ chưa được đồng bộ");
            }

            accepted.Add((maHoSo, entry));
        }

        foreach (var (maHoSo, entry) in accepted)
        {
            state.AddProgress(maHoSo, entry);
        }

        return PortalReply.Ok(new { success = accepted.Count });
    }

    private static PortalReply LookUpDossier(JsonElement call, NationalPortalSimulatorState state)
    {
        if (PortalJson.GetString(call, "MaHoSo") is not { Length: > 0 } maHoSo)
        {
            return PortalReply.BadRequest("Thiếu mã hồ sơ (MaHoSo)");
        }

        return state.DossierWithProgress(maHoSo) is { } dossier
            ? PortalReply.Ok(dossier)
            : PortalReply.NotFound($"Không tìm thấy hồ sơ có mã {maHoSo}");
    }

    /// <summary>The call's <c>data</c>: an array of objects, or a refusal saying what is wrong with it.</summary>
    private static bool TryGetEntries(JsonElement call, out List<JsonElement> entries, out PortalReply refusal)
    {
        entries = [];
        refusal = PortalReply.BadRequest("data phải là một mảng");
        if (!call.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var entry in data.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                refusal = PortalReply.BadRequest(string.Create(CultureInfo.InvariantCulture, $"data[{entries.Count}] phải là một đối tượng"));
                return false;
            }

            entries.Add(entry);
        }

        return true;
    }

    /// <summary>TrangThaiHoSo from 1 to 10, sent as a number or as text.</summary>
    private static bool IsDossierStatus(JsonElement dossier)
    {
        if (!dossier.TryGetProperty("TrangThaiHoSo", out var value))
        {
            return false;
        }

        var status = 0;
        var parsed = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out status),
            JsonValueKind.String => int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status),
            _ => false,
        };
        return parsed && status is >= 1 and <= 10;
    }

    private static string Field(int index, string field, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"data[{index}].{field} {problem}");
}
