using Marten;
using Microsoft.AspNetCore.Identity;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.DemoData;

/// <summary>
/// A small province to try every flow: a few agencies of Tây Ninh and their staff. Only with
/// <c>DemoData:Enabled</c> (development and tests); the password is public, so never in production.
/// </summary>
internal sealed class IdentityDemoData(IIdentityStore store, IPasswordHasher<StaffMember> hasher, TimeProvider clock) : IDemoDataSeeder
{
    public const string DemoPassword = "TayNinh@2026";

    internal static readonly Guid ProvinceCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000001");
    internal static readonly Guid JusticeDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000002");
    internal static readonly Guid EnvironmentDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000003");
    internal static readonly Guid ConstructionDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000004");
    internal static readonly Guid PlanningDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000005");
    internal static readonly Guid CityCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000006");
    internal static readonly Guid Ward1Committee = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
    internal static readonly Guid LabourDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000008");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<Agency>().AnyAsync(cancellationToken))
        {
            return;
        }

        session.Insert(
            new Agency { Id = ProvinceCommittee, Code = "000.00.00.H57", Name = "Ủy ban nhân dân tỉnh Tây Ninh", Level = AgencyLevel.Province },
            new Agency { Id = JusticeDepartment, Code = "000.00.12.H57", Name = "Sở Tư pháp tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = EnvironmentDepartment, Code = "000.00.17.H57", Name = "Sở Tài nguyên và Môi trường tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = ConstructionDepartment, Code = "000.00.13.H57", Name = "Sở Xây dựng tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = PlanningDepartment, Code = "000.00.08.H57", Name = "Sở Kế hoạch và Đầu tư tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = CityCommittee, Code = "000.00.30.H57", Name = "Ủy ban nhân dân thành phố Tây Ninh", Level = AgencyLevel.District, ParentId = ProvinceCommittee },
            new Agency { Id = Ward1Committee, Code = "000.30.01.H57", Name = "Ủy ban nhân dân Phường 1, thành phố Tây Ninh", Level = AgencyLevel.Commune, ParentId = CityCommittee },
            new Agency { Id = LabourDepartment, Code = "000.00.16.H57", Name = "Sở Lao động - Thương binh và Xã hội tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee });

        Staff(session, "quantri", "Lê Minh Quân", StaffRole.Administrator, ProvinceCommittee);
        Staff(session, "tuphap.lan", "Nguyễn Thị Lan", StaffRole.Officer, JusticeDepartment);
        Staff(session, "tuphap.hung", "Trần Văn Hùng", StaffRole.Officer, JusticeDepartment);
        Staff(session, "tnmt.thao", "Phạm Thu Thảo", StaffRole.Officer, EnvironmentDepartment);
        Staff(session, "xaydung.son", "Võ Thanh Sơn", StaffRole.Officer, ConstructionDepartment);
        Staff(session, "phuong1.mai", "Đặng Thị Mai", StaffRole.Officer, Ward1Committee);
        Staff(session, "phuong1.tuan", "Huỳnh Anh Tuấn", StaffRole.Officer, Ward1Committee);
        Staff(session, "thanhpho.khoa", "Lý Đăng Khoa", StaffRole.Officer, CityCommittee);
        Staff(session, "laodong.binh", "Ngô Thanh Bình", StaffRole.Officer, LabourDepartment);
        await session.SaveChangesAsync(cancellationToken);
    }

    private void Staff(IDocumentSession session, string userName, string fullName, StaffRole role, Guid agencyId)
    {
        var staff = new StaffMember { UserName = userName, FullName = fullName, Role = role, AgencyId = agencyId, CreatedAt = clock.GetUtcNow().ToUniversalTime() };
        staff.PasswordHash = hasher.HashPassword(staff, DemoPassword);
        session.Insert(staff);
    }
}
