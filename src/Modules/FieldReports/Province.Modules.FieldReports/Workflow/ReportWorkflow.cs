using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Workflow;

internal enum ReportAction
{
    AssignOfficer,
    Start,
    RequestInformation,
    ProvideInformation,
    Resolve,
    Reject,
    Close,
    Forward,
    Recategorize,
    Reopen,
    Escalate,
}

/// <summary>
/// The report's checked transitions (Signalen / FixMyStreet habits): each action names the statuses
/// it may start from; anything else answers 409 with the reason. Every step goes to the history.
/// </summary>
internal sealed class ReportWorkflow(FieldReportsDbContext db, TimeProvider clock)
{
    private static readonly ReportStatus[] Open = [ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress, ReportStatus.WaitingForInformation];

    private static readonly Dictionary<ReportAction, (ReportStatus[] From, ReportStatus? To, string Verb)> Rules = new()
    {
        [ReportAction.AssignOfficer] = ([ReportStatus.Received, ReportStatus.Assigned], ReportStatus.Assigned, "phân công"),
        [ReportAction.Start] = ([ReportStatus.Assigned], ReportStatus.InProgress, "bắt đầu xử lý"),
        [ReportAction.RequestInformation] = ([ReportStatus.Assigned, ReportStatus.InProgress], ReportStatus.WaitingForInformation, "đề nghị bổ sung thông tin cho"),
        [ReportAction.ProvideInformation] = ([ReportStatus.WaitingForInformation], ReportStatus.InProgress, "bổ sung thông tin cho"),
        [ReportAction.Resolve] = ([ReportStatus.Assigned, ReportStatus.InProgress], ReportStatus.Resolved, "trả lời, xử lý xong"),
        [ReportAction.Reject] = ([ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress], ReportStatus.Rejected, "từ chối"),
        [ReportAction.Close] = ([ReportStatus.Resolved, ReportStatus.Rejected], ReportStatus.Closed, "đóng"),
        [ReportAction.Forward] = ([ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress], ReportStatus.Received, "chuyển"),
        [ReportAction.Recategorize] = (Open, ReportStatus.Received, "đổi lĩnh vực, địa bàn của"),
        [ReportAction.Reopen] = ([ReportStatus.Resolved, ReportStatus.Closed], ReportStatus.InProgress, "mở lại"),
        [ReportAction.Escalate] = (Open, ReportStatus.Received, "chuyển cấp trên"),
    };

    public static string Text(ReportStatus status) => status switch
    {
        ReportStatus.Received => "Đã tiếp nhận",
        ReportStatus.Assigned => "Đã giao xử lý",
        ReportStatus.InProgress => "Đang xử lý",
        ReportStatus.WaitingForInformation => "Chờ người phản ánh bổ sung thông tin",
        ReportStatus.Resolved => "Đã xử lý, trả lời",
        ReportStatus.Rejected => "Không thuộc phạm vi xử lý",
        _ => "Đã đóng",
    };

    public static ProblemHttpResult? Check(Report report, ReportAction action)
    {
        var (from, _, verb) = Rules[action];
        return from.Contains(report.Status)
            ? null
            : Problems.Conflict("field_report.illegal_transition",
                $"Không thể {verb} phản ánh đang ở trạng thái \"{Text(report.Status)}\". Thao tác chỉ áp dụng khi: {string.Join(", ", from.Select(s => $"\"{Text(s)}\""))}.");
    }

    /// <summary>Checks and applies <paramref name="action"/>, writes the history; the caller saves.</summary>
    public ProblemHttpResult? Apply(Report report, ReportAction action, string actor, string description, string? note)
    {
        if (Check(report, action) is { } refusal)
        {
            return refusal;
        }

        var from = report.Status;
        report.Status = Rules[action].To ?? from;
        report.UpdatedAt = clock.GetUtcNow();
        report.Version++;
        db.History.Add(new ReportHistoryEntry
        {
            ReportId = report.Id,
            At = report.UpdatedAt,
            Actor = actor,
            FromStatus = from,
            ToStatus = report.Status,
            Description = description,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        });
        return null;
    }
}
