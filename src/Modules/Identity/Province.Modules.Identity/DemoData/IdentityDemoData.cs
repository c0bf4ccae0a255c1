using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.DemoData;

/// <summary>
/// A small province to try every flow: a few agencies of Tây Ninh and their staff. Only with
/// <c>DemoData:Enabled</c> (development and tests); the password is public, so never in production.
/// </summary>
internal sealed class IdentityDemoData(IdentityDbContext db, IPasswordHasher<StaffMember> hasher, TimeProvider clock) : IDemoDataSeeder
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
        if (await db.Agencies.AnyAsync(cancellationToken))
        {
            return;
        }

        db.Agencies.AddRange(
            new Agency { Id = ProvinceCommittee, Code = "000.00.00.H57", Name = "Ủy ban nhân dân tỉnh Tây Ninh", Level = AgencyLevel.Province },
            new Agency { Id = JusticeDepartment, Code = "000.00.12.H57", Name = "Sở Tư pháp tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = EnvironmentDepartment, Code = "000.00.17.H57", Name = "Sở Tài nguyên và Môi trường tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = ConstructionDepartment, Code = "000.00.13.H57", Name = "Sở Xây dựng tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = PlanningDepartment, Code = "000.00.08.H57", Name = "Sở Kế hoạch và Đầu tư tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
            new Agency { Id = CityCommittee, Code = "000.00.30.H57", Name = "Ủy ban nhân dân thành phố Tây Ninh", Level = AgencyLevel.District, ParentId = ProvinceCommittee },
            new Agency { Id = Ward1Committee, Code = "000.30.01.H57", Name = "Ủy ban nhân dân Phường 1, thành phố Tây Ninh", Level = AgencyLevel.Commune, ParentId = CityCommittee },
            new Agency { Id = LabourDepartment, Code = "000.00.16.H57", Name = "Sở Lao động - Thương binh và Xã hội tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee });

        Staff("quantri", "Lê Minh Quân", StaffRole.Administrator, ProvinceCommittee);
        Staff("tuphap.lan", "Nguyễn Thị Lan", StaffRole.Officer, JusticeDepartment);
        Staff("tuphap.hung", "Trần Văn Hùng", StaffRole.Officer, JusticeDepartment);
        Staff("tnmt.thao", "Phạm Thu Thảo", StaffRole.Officer, EnvironmentDepartment);
        Staff("xaydung.son", "Võ Thanh Sơn", StaffRole.Officer, ConstructionDepartment);
        Staff("phuong1.mai", "Đặng Thị Mai", StaffRole.Officer, Ward1Committee);
        Staff("phuong1.tuan", "Huỳnh Anh Tuấn", StaffRole.Officer, Ward1Committee);
        Staff("thanhpho.khoa", "Lý Đăng Khoa", StaffRole.Officer, CityCommittee);
        Staff("laodong.binh", "Ngô Thanh Bình", StaffRole.Officer, LabourDepartment);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Staff(string userName, string fullName, StaffRole role, Guid agencyId)
    {
        var staff = new StaffMember { UserName = userName, FullName = fullName, Role = role, AgencyId = agencyId, CreatedAt = clock.GetUtcNow() };
        staff.PasswordHash = hasher.HashPassword(staff, DemoPassword);
        db.StaffMembers.Add(staff);
    }
}
