using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
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

    /// <summary>The API's names of the actions (the path segment of <c>POST .../{id}/{action}</c>), as <c>allowedActions</c> lists them.</summary>
    public static class Names
    {
        public const string Assign = "assign";
        public const string Start = "start";
        public const string RequestInformation = "request-information";
        public const string Resolve = "resolve";
        public const string Reject = "reject";
        public const string Close = "close";
        public const string Forward = "forward";
        public const string Redact = "redact";
        public const string Hide = "hide";
        public const string Publish = "publish";
        public const string Recategorize = "recategorize";
        public const string ProvideInformation = "provide-information";
        public const string Rate = "rate";
        public const string Reopen = "reopen";
    }

    /// <summary>
    /// What <paramref name="viewer"/> may do to <paramref name="report"/> now: the one answer the item's GET, every
    /// action's answer and the queue rows carry, so no client copies the state machine. Staff act on their own
    /// agency's reports (administrators on any); the reporter answers information requests, rates and reopens.
    /// </summary>
    public static IReadOnlyList<string> AllowedActions(FieldReport report, ReportViewer viewer, DateTimeOffset now, FieldReportsSettings settings)
    {
        var allowed = new List<string>();
        if (viewer.MayHandle(report))
        {
            void Add(ReportAction action, string name)
            {
                if (Rules[action].From.Contains(report.Status))
                {
                    allowed.Add(name);
                }
            }

            Add(ReportAction.AssignOfficer, Names.Assign);
            Add(ReportAction.Start, Names.Start);
            Add(ReportAction.RequestInformation, Names.RequestInformation);
            Add(ReportAction.Resolve, Names.Resolve);
            Add(ReportAction.Reject, Names.Reject);
            Add(ReportAction.Close, Names.Close);
            Add(ReportAction.Forward, Names.Forward);
            allowed.Add(Names.Redact);
            allowed.Add(report.Hidden ? Names.Publish : Names.Hide);
            Add(ReportAction.Recategorize, Names.Recategorize);
        }
        else if (viewer.CitizenId is { } citizenId && citizenId == report.CitizenId)
        {
            if (Rules[ReportAction.ProvideInformation].From.Contains(report.Status))
            {
                allowed.Add(Names.ProvideInformation);
            }

            if (RatingRefusal(report, now, settings) is null)
            {
                allowed.Add(Names.Rate);
            }

            if (ReopenRefusal(report, now, settings) is null)
            {
                allowed.Add(Names.Reopen);
            }
        }

        return allowed;
    }

    /// <summary>Why the reporter may not rate now (answered, within the window, not yet rated), or null.</summary>
    public static string? RatingRefusal(FieldReport report, DateTimeOffset now, FieldReportsSettings settings) =>
        report.Status is not (ReportStatus.Resolved or ReportStatus.Closed) || report.AnsweredAt is null || report.Refused
            || now > report.AnsweredAt.Value.AddDays(settings.RatingWindowDays)
            ? $"Chỉ đánh giá phản ánh đã được trả lời, trong vòng {settings.RatingWindowDays} ngày kể từ khi trả lời."
            : report.Rating is not null ? "Bạn đã đánh giá câu trả lời này." : null;

    /// <summary>
    /// Why the reporter may not reopen now, or null: only an answer (not a refusal), within
    /// <see cref="FieldReportsSettings.ReopenWindowDays"/> of it, at most <see cref="FieldReportsSettings.MaxReopens"/> times
    /// (after that, disagreement is a complaint under the Law on Complaints, not another round of the same report).
    /// </summary>
    public static string? ReopenRefusal(FieldReport report, DateTimeOffset now, FieldReportsSettings settings) =>
        !Rules[ReportAction.Reopen].From.Contains(report.Status) || report.AnsweredAt is null || report.Refused
            ? "Chỉ mở lại phản ánh đã được cơ quan trả lời."
            : now > report.AnsweredAt.Value.AddDays(settings.ReopenWindowDays)
                ? $"Chỉ mở lại trong vòng {settings.ReopenWindowDays} ngày kể từ khi cơ quan trả lời."
                : report.Reopens >= settings.MaxReopens
                    ? "Phản ánh đã được mở lại một lần. Nếu chưa đồng ý với kết quả, bạn có thể gửi khiếu nại theo quy định."
                    : null;

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

/// <summary>Who looks at a report: the reporter (a citizen), or staff of an agency, or an administrator.</summary>
internal sealed record ReportViewer(Guid? CitizenId, Guid? StaffAgencyId, bool Administrator)
{
    public static ReportViewer Of(ClaimsPrincipal user) =>
        user.FindFirst(ProvinceClaims.CitizenId) is not null
            ? new ReportViewer(user.GetCitizenId(), null, false)
            : new ReportViewer(null, user.GetAgencyId(), user.IsAdministrator());

    /// <summary>An administrator, or staff of the agency the report is at now.</summary>
    public bool MayHandle(FieldReport report) => Administrator || (StaffAgencyId is { } agency && agency == report.AgencyId);
}
