using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Files;

/// <summary>
/// What a module allows of uploads not yet attached to anything (a dossier, a report): each citizen holds at most so
/// many files and bytes of them, and they are deleted (file and record) once <see cref="Retention"/> has passed.
/// A module binds it from its own section (<c>Dossiers:PendingUploads</c>, <c>FieldReports:PendingUploads</c>).
/// </summary>
public sealed class PendingUploadSettings
{
    /// <summary>Unattached uploads one citizen may hold; the next is refused with 429 until some are used or expire.</summary>
    public int MaxFilesPerCitizen { get; set; } = 30;

    /// <summary>Bytes of unattached uploads one citizen may hold.</summary>
    public long MaxBytesPerCitizen { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long an unattached upload is kept; then the cleanup deletes its file and its record.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the cleanup looks for expired uploads.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>The per-citizen quota of unattached uploads, one rule for every module.</summary>
public static class PendingUploads
{
    /// <summary>
    /// Null when a new file of <paramref name="incomingBytes"/> fits beside the citizen's <paramref name="pendingSizes"/>,
    /// else a 429 problem in Vietnamese saying which limit and what to do.
    /// </summary>
    public static ProblemHttpResult? CheckQuota(IReadOnlyCollection<long> pendingSizes, long incomingBytes, PendingUploadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(pendingSizes);
        ArgumentNullException.ThrowIfNull(settings);
        var hours = settings.Retention.TotalHours.ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"));
        if (pendingSizes.Count >= settings.MaxFilesPerCitizen)
        {
            return Problems.Create(StatusCodes.Status429TooManyRequests, "upload.quota_files", "Quá nhiều tệp chưa sử dụng",
                $"Bạn đang có {pendingSizes.Count} tệp đã tải lên nhưng chưa gửi kèm hồ sơ hay phản ánh nào (tối đa {settings.MaxFilesPerCitizen}). " +
                $"Vui lòng gửi hồ sơ, phản ánh với các tệp đó; tệp không dùng đến được tự xóa sau {hours} giờ.");
        }

        if (pendingSizes.Sum() + incomingBytes > settings.MaxBytesPerCitizen)
        {
            return Problems.Create(StatusCodes.Status429TooManyRequests, "upload.quota_bytes", "Quá nhiều dữ liệu chưa sử dụng",
                $"Các tệp bạn đã tải lên nhưng chưa gửi kèm vượt quá {settings.MaxBytesPerCitizen / (1024 * 1024)} MB. " +
                $"Vui lòng gửi hồ sơ, phản ánh với các tệp đó; tệp không dùng đến được tự xóa sau {hours} giờ.");
        }

        return null;
    }
}
