using Marten;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Time;
using Province.Modules.Identity.Citizens.Statistics;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.DemoData;

/// <summary>
/// The demo citizens whose dossiers, field reports, bookings and queue numbers the other modules' demo activity holds
/// (those modules know them by these ids only), signed up over the last months. Each signs in through the Zalo simulator
/// with their Zalo id (the mini app outside Zalo: localStorage "province.simulatorUser" = "demo-citizen-01"). Only with
/// <c>DemoData:Activity</c>; a citizen already there is left as it is.
/// </summary>
internal sealed class IdentityDemoActivity(IIdentityStore store, TimeProvider clock) : IDemoActivitySeeder
{
    internal static readonly (Guid Id, string ZaloId, string FullName, DateOnly DateOfBirth, string CitizenIdNumber, string Phone, string Address, int DaysAgo)[] Citizens =
    [
        (DemoCitizens.Id(1), "demo-citizen-01", "Nguyễn Văn An", new(1985, 4, 12), "072085001234", "0912345601", "Số 12 đường Cách Mạng Tháng Tám, phường Tân Ninh, tỉnh Tây Ninh", 150),
        (DemoCitizens.Id(2), "demo-citizen-02", "Trần Thị Bích Ngọc", new(1992, 9, 3), "072192002345", "0912345602", "Số 45 đường Trưng Nữ Vương, phường Tân Ninh, tỉnh Tây Ninh", 120),
        (DemoCitizens.Id(3), "demo-citizen-03", "Lê Hoàng Phúc", new(1978, 1, 20), "072078003456", "0912345603", "Ấp Thạnh Trung, phường Bình Minh, tỉnh Tây Ninh", 95),
        (DemoCitizens.Id(4), "demo-citizen-04", "Phạm Thị Hồng Nhung", new(1990, 11, 8), "072190004567", "0912345604", "Khu phố Ninh Phúc, phường Bình Minh, tỉnh Tây Ninh", 70),
        (DemoCitizens.Id(5), "demo-citizen-05", "Võ Minh Trí", new(1958, 6, 30), "072058005678", "0912345605", "Số 8 đường Hùng Vương, phường Long An, tỉnh Tây Ninh", 45),
        (DemoCitizens.Id(6), "demo-citizen-06", "Đỗ Thị Thu Hương", new(1996, 2, 14), "072196006789", "0912345606", "Số 21 đường Nguyễn Đình Chiểu, phường Long An, tỉnh Tây Ninh", 30),
        (DemoCitizens.Id(7), "demo-citizen-07", "Huỳnh Quốc Bảo", new(1988, 7, 25), "072088007890", "0912345607", "Số 5 đường Phạm Hùng, phường Tân Ninh, tỉnh Tây Ninh", 12),
        (DemoCitizens.Id(8), "demo-citizen-08", "Ngô Thị Kim Liên", new(1950, 12, 1), "072150008901", "0912345608", "Tổ 3, khu phố Ninh Thọ, phường Bình Minh, tỉnh Tây Ninh", 3),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var existing = await DemoActivity.ExistingAsync<Citizen>(session, Citizens.Select(c => c.Id), c => c.Id, cancellationToken);
        if (existing.Count == Citizens.Length)
        {
            return;
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        var schema = store.Options.DatabaseSchemaName;
        foreach (var c in Citizens.Where(c => !existing.Contains(c.Id)))
        {
            var since = now.AddDays(-c.DaysAgo);
            session.Insert(new Citizen
            {
                Id = c.Id,
                ZaloId = c.ZaloId,
                ZaloName = c.FullName,
                FullName = c.FullName,
                DateOfBirth = c.DateOfBirth,
                CitizenIdNumber = c.CitizenIdNumber,
                PhoneNumber = c.Phone,
                PhoneNumberVerified = true,
                Address = c.Address,
                CreatedAt = since,
                UpdatedAt = since,
            });

            // The months in which they used the service, as their signed-in requests would have recorded them.
            for (var month = FirstOfMonth(since.ToVietnamDate()); month <= now.ToVietnamDate(); month = month.AddMonths(1))
            {
                session.QueueSqlCommand($"insert into {schema}.{CitizenActivity.Table} (citizen_id, month) values (?, ?) on conflict do nothing", c.Id, month);
            }
        }

        await DemoActivity.SaveAsync(session, cancellationToken);
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
