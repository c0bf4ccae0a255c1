using Province.BuildingBlocks.Persistence;

namespace Province.Modules.Identity.Contracts;

/// <summary>
/// Identity's demo citizens (added with <c>DemoData:Activity</c>), by number 1 to 8: the other modules' demo activity
/// gives them dossiers, field reports, bookings and queue numbers, knowing them by these ids only.
/// </summary>
public static class DemoCitizens
{
    public static Guid Id(int number) => DemoActivity.FixedId('c', number);
}
