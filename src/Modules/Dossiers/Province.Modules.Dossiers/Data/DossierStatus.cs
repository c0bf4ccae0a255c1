namespace Province.Modules.Dossiers.Data;

/// <summary>
/// A dossier's status; the numbers are the national portal's TrangThaiHoSo codes, one to one, so the
/// sync sends them as they are.
/// </summary>
internal enum DossierStatus
{
    New = 1,
    Accepted = 2,
    Refused = 3,
    Processing = 4,
    SupplementRequested = 5,
    FeeRequested = 6,
    WithdrawalRequested = 7,
    Stopped = 8,
    Done = 9,
    ResultReturned = 10,
}

internal static class DossierStatusTexts
{
    private static readonly Dictionary<string, DossierStatus> ByName =
        Enum.GetValues<DossierStatus>().ToDictionary(s => s.Name(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The status as the API writes it (camelCase: <c>new</c>, <c>supplementRequested</c>); the portal's numbers stay in the portal adapter.</summary>
    public static string Name(this DossierStatus status) => Province.BuildingBlocks.Text.EnumNames.Camel(status);

    /// <summary>A status named by a client (<see cref="Name"/>), or null when it names none.</summary>
    public static DossierStatus? Parse(string? name) => name is not null && ByName.TryGetValue(name.Trim(), out var status) ? status : null;

    /// <summary>Every status name, for error messages and the API description.</summary>
    public static string Names => string.Join(", ", ByName.Keys);

    /// <summary>
    /// The return date as the API's <c>dueAt</c>: the end of that day in Vietnam, which is when a dossier not returned
    /// becomes overdue (the timeliness rules compare dates).
    /// </summary>
    public static DateTimeOffset DueAt(DateOnly dueDate) =>
        new(dueDate.ToDateTime(new TimeOnly(23, 59, 59)), Province.BuildingBlocks.Time.VietnamTime.Zone.GetUtcOffset(dueDate.ToDateTime(TimeOnly.MinValue)));

    /// <summary>The portal's own Vietnamese name of each status, as the citizen reads it.</summary>
    public static string Text(this DossierStatus status) => status switch
    {
        DossierStatus.New => "Mới đăng ký",
        DossierStatus.Accepted => "Đã được tiếp nhận",
        DossierStatus.Refused => "Không được tiếp nhận",
        DossierStatus.Processing => "Đang xử lý",
        DossierStatus.SupplementRequested => "Yêu cầu bổ sung giấy tờ",
        DossierStatus.FeeRequested => "Yêu cầu thực hiện nghĩa vụ tài chính",
        DossierStatus.WithdrawalRequested => "Công dân yêu cầu rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Done => "Đã xử lý xong",
        DossierStatus.ResultReturned => "Đã trả kết quả",
        _ => status.ToString(),
    };

    /// <summary>Waiting for the citizen: the legal clock does not run.</summary>
    public static bool IsPaused(this DossierStatus status) =>
        status is DossierStatus.SupplementRequested or DossierStatus.FeeRequested;

    /// <summary>Still owed a result by the agency (the clock runs or is paused).</summary>
    public static bool IsOpen(this DossierStatus status) =>
        status is DossierStatus.New or DossierStatus.Accepted or DossierStatus.Processing
            or DossierStatus.SupplementRequested or DossierStatus.FeeRequested;

    /// <summary>Statuses in which the legal clock runs.</summary>
    public static readonly DossierStatus[] Running = [DossierStatus.New, DossierStatus.Accepted, DossierStatus.Processing];
}
