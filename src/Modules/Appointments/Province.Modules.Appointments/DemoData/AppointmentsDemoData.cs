using Marten;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;
using Province.Modules.Appointments.Offices.GenerateSlots;

namespace Province.Modules.Appointments.DemoData;

/// <summary>
/// One-stop offices of the demo province as organised since 1 July 2025 (Decree 118/2025/NĐ-CP): phường Tân Ninh's
/// and phường Bình Minh's (bookings confirmed at once) and the province's public administrative service centre
/// (bookings approved by an officer), with slots for the next two weeks. Offices and slots are saved together, so a start that fails half-way leaves nothing.
/// </summary>
internal sealed class AppointmentsDemoData(IAppointmentsStore store, TimeProvider clock) : IDemoDataSeeder
{
    internal static readonly Guid TanNinhOffice = Guid.Parse("0195a1f0-0000-7000-8000-0000000000a1");
    internal static readonly Guid ProvinceCentre = Guid.Parse("0195a1f0-0000-7000-8000-0000000000a2");
    internal static readonly Guid BinhMinhOffice = Guid.Parse("0195a1f0-0000-7000-8000-0000000000a3");
    private static readonly Guid TanNinhWardCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
    private static readonly Guid BinhMinhWardCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000010");
    private static readonly Guid ServiceCentre = Guid.Parse("0195a1f0-0000-7000-8000-000000000009");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<Office>().AnyAsync(cancellationToken))
        {
            return;
        }

        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningHours { Day = d, Opens = new TimeOnly(7, 0), Closes = new TimeOnly(17, 0) }).ToList();
        var ward = new Office
        {
            Id = TanNinhOffice,
            AgencyId = TanNinhWardCommittee,
            Name = "Bộ phận Một cửa UBND phường Tân Ninh",
            Address = "Đường Võ Văn Truyện, phường Tân Ninh, tỉnh Tây Ninh",
            OpeningHours = [.. weekdays, new OpeningHours { Day = DayOfWeek.Saturday, Opens = new TimeOnly(7, 30), Closes = new TimeOnly(11, 30) }],
        };
        var civil = new ServiceGroup { OfficeId = ward.Id, Code = "HT", Name = "Hộ tịch", Field = "Hộ tịch", DefaultServiceMinutes = 10 };
        var certification = new ServiceGroup { OfficeId = ward.Id, Code = "CT", Name = "Chứng thực", Field = "Chứng thực", DefaultServiceMinutes = 5 };
        ward.ServiceGroups.AddRange([civil, certification]);
        ward.Counters.Add(new Counter { OfficeId = ward.Id, Number = 1, Name = "Quầy 1", ServiceGroupIds = [civil.Id, certification.Id] });
        ward.Counters.Add(new Counter { OfficeId = ward.Id, Number = 2, Name = "Quầy 2", ServiceGroupIds = [civil.Id] });

        var centre = new Office
        {
            Id = ProvinceCentre,
            AgencyId = ServiceCentre,
            Name = "Trung tâm Phục vụ hành chính công tỉnh Tây Ninh",
            Address = "Số 83 Phạm Tung, phường Tân Ninh, tỉnh Tây Ninh",
            RequiresApproval = true,
            OpeningHours = weekdays.Select(h => new OpeningHours { Day = h.Day, Opens = h.Opens, Closes = h.Closes }).ToList(),
        };
        var land = new ServiceGroup { OfficeId = centre.Id, Code = "DD", Name = "Đất đai", Field = "Đất đai", DefaultServiceMinutes = 20 };
        var building = new ServiceGroup { OfficeId = centre.Id, Code = "XD", Name = "Xây dựng", Field = "Xây dựng", DefaultServiceMinutes = 15 };
        var business = new ServiceGroup { OfficeId = centre.Id, Code = "KD", Name = "Đăng ký kinh doanh", Field = "Thành lập và hoạt động doanh nghiệp", DefaultServiceMinutes = 15 };
        centre.ServiceGroups.AddRange([land, building, business]);
        centre.Counters.Add(new Counter { OfficeId = centre.Id, Number = 1, Name = "Quầy 1 - Đất đai", ServiceGroupIds = [land.Id] });
        centre.Counters.Add(new Counter { OfficeId = centre.Id, Number = 2, Name = "Quầy 2 - Xây dựng", ServiceGroupIds = [building.Id] });
        centre.Counters.Add(new Counter { OfficeId = centre.Id, Number = 3, Name = "Quầy 3 - Kinh doanh", ServiceGroupIds = [business.Id, land.Id] });

        var binhMinh = new Office
        {
            Id = BinhMinhOffice,
            AgencyId = BinhMinhWardCommittee,
            Name = "Bộ phận Một cửa UBND phường Bình Minh",
            Address = "Phường Bình Minh, tỉnh Tây Ninh",
            OpeningHours = weekdays.Select(h => new OpeningHours { Day = h.Day, Opens = h.Opens, Closes = h.Closes }).ToList(),
        };
        var binhMinhCivil = new ServiceGroup { OfficeId = binhMinh.Id, Code = "HT", Name = "Hộ tịch", Field = "Hộ tịch", DefaultServiceMinutes = 10 };
        binhMinh.ServiceGroups.Add(binhMinhCivil);
        binhMinh.Counters.Add(new Counter { OfficeId = binhMinh.Id, Number = 1, Name = "Quầy 1", ServiceGroupIds = [binhMinhCivil.Id] });

        session.Insert(ward, centre, binhMinh);
        var (today, _) = OfficeTime.Now(clock);
        foreach (var (office, group) in new[] { (ward, civil), (ward, certification), (centre, land), (centre, building), (centre, business), (binhMinh, binhMinhCivil) })
        {
            await SlotPlanner.PlanAsync(session, office, group.Id, today, today.AddDays(14), 30, 5, cancellationToken);
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another host instance starting at the same moment seeded them first.
        }
    }
}
