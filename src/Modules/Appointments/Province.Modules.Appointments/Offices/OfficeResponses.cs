using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices;

internal sealed record OfficeResponse(
    Guid Id,
    Guid AgencyId,
    string Name,
    string Address,
    bool RequiresApproval,
    int BookingHorizonDays,
    int ChangeCutoffHours,
    IReadOnlyList<OpeningHoursDto> OpeningHours,
    IReadOnlyList<ServiceGroupResponse> ServiceGroups,
    IReadOnlyList<CounterResponse> Counters)
{
    public static OfficeResponse From(Office o) => new(
        o.Id, o.AgencyId, o.Name, o.Address, o.RequiresApproval, o.BookingHorizonDays, o.ChangeCutoffHours,
        [.. o.OpeningHours.OrderBy(h => h.Day).Select(h => new OpeningHoursDto(h.Day, h.Opens, h.Closes))],
        [.. o.ServiceGroups.OrderBy(g => g.Code).Select(g => new ServiceGroupResponse(g.Id, g.Code, g.Name, g.Field))],
        [.. o.Counters.OrderBy(c => c.Number).Select(c => new CounterResponse(c.Id, c.Number, c.Name, c.ServiceGroupIds))]);
}

internal sealed record OpeningHoursDto(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

internal sealed record ServiceGroupResponse(Guid Id, string Code, string Name, string Field);

internal sealed record CounterResponse(Guid Id, int Number, string Name, IReadOnlyList<Guid> ServiceGroupIds);
