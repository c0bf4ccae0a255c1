namespace Province.Modules.Appointments.BackOffice;

internal sealed record OfficeItem(Guid Id, Guid AgencyId, string Name, string Address, IReadOnlyList<ServiceGroupItem> ServiceGroups, IReadOnlyList<CounterItem> Counters);

internal sealed record ServiceGroupItem(Guid Id, string Code, string Name);

internal sealed record CounterItem(Guid Id, int Number, string Name, IReadOnlyList<Guid> ServiceGroupIds);

internal sealed record TicketItem(
    Guid Id, string Number, Guid OfficeId, string? OfficeName, Guid ServiceGroupId, string? ServiceGroupName, string Status, string StatusText,
    string Priority, Guid? CounterId, string? CounterName, DateTimeOffset IssuedAt, int Ahead, int EstimatedWaitMinutes, int Version, IReadOnlyList<string> AllowedActions);

internal sealed record NowServing(Guid OfficeId, string OfficeName, IReadOnlyList<GroupNowServing> Groups);

internal sealed record GroupNowServing(Guid ServiceGroupId, string Code, string Name, string? NowServing, IReadOnlyList<CounterCall> AtCounters, int Waiting);

internal sealed record CounterCall(string Number, string Counter, string Status);

internal static class TicketTexts
{
    public static string Action(string action) => action switch
    {
        "recall" => "Gọi lại",
        "skip" => "Qua lượt (vắng mặt)",
        "start" => "Bắt đầu phục vụ",
        "finish" => "Kết thúc phục vụ",
        "transfer" => "Chuyển quầy",
        _ => action,
    };
}
