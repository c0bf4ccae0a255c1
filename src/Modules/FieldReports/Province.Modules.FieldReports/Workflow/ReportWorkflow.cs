using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using JasperFx.Events;
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
/// it may start from; anything else answers 409 with the reason. Every step is an event of the report's stream.
/// </summary>
internal static class ReportWorkflow
{
    private static readonly ReportStatus[] Open = [ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress, ReportStatus.WaitingForInformation];

    private static readonly Dictionary<ReportAction, (ReportStatus[] From, string Verb)> Rules = new()
    {
        [ReportAction.AssignOfficer] = ([ReportStatus.Received, ReportStatus.Assigned], "phân công"),
        [ReportAction.Start] = ([ReportStatus.Assigned], "bắt đầu xử lý"),
        [ReportAction.RequestInformation] = ([ReportStatus.Assigned, ReportStatus.InProgress], "đề nghị bổ sung thông tin cho"),
        [ReportAction.ProvideInformation] = ([ReportStatus.WaitingForInformation], "bổ sung thông tin cho"),
        [ReportAction.Resolve] = ([ReportStatus.Assigned, ReportStatus.InProgress], "trả lời, xử lý xong"),
        [ReportAction.Reject] = ([ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress], "từ chối"),
        [ReportAction.Close] = ([ReportStatus.Resolved, ReportStatus.Rejected], "đóng"),
        [ReportAction.Forward] = ([ReportStatus.Received, ReportStatus.Assigned, ReportStatus.InProgress], "chuyển"),
        [ReportAction.Recategorize] = (Open, "đổi lĩnh vực, địa bàn của"),
        [ReportAction.Reopen] = ([ReportStatus.Resolved, ReportStatus.Closed], "mở lại"),
        [ReportAction.Escalate] = (Open, "chuyển cấp trên"),
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

    public static ProblemHttpResult? Check(FieldReport report, ReportAction action)
    {
        var (from, verb) = Rules[action];
        return from.Contains(report.Status)
            ? null
            : Problems.Conflict("field_report.illegal_transition",
                $"Không thể {verb} phản ánh đang ở trạng thái \"{Text(report.Status)}\". Thao tác chỉ áp dụng khi: {string.Join(", ", from.Select(s => $"\"{Text(s)}\""))}.");
    }

    /// <summary>Checks <paramref name="action"/> and appends its event to the report's stream; the caller saves.</summary>
    public static ProblemHttpResult? Apply(IEventStream<FieldReport> stream, ReportAction action, IReportEvent step)
    {
        if (Check(stream.Aggregate!, action) is { } refusal)
        {
            return refusal;
        }

        stream.AppendOne(step);
        return null;
    }

    /// <summary>What a person wrote along with a step, trimmed; nothing when blank.</summary>
    public static string? Note(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
