using Marten;
using Microsoft.AspNetCore.Identity;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Identity.AdministrativeUnits;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.DemoData;

/// <summary>
/// The merged Tây Ninh (with the former Long An) as it is governed since 1 July 2025: two tiers, the province's
/// People's Committee, its public administrative service centre, the departments of Decree 45/2025/NĐ-CP and the
/// People's Committees of the wards the demo uses, with their staff; and the administrative units
/// (administrative-units.json: a few real wards and the old units merged into them). Only with
/// <c>DemoData:Enabled</c> (development and tests); the password is public, so never in production.
/// Agencies and units are reference data, written again at every start (an upsert by id), so a demo database
/// made before an upgrade shows the current names; staff are added only when their user name is missing.
/// </summary>
internal sealed class IdentityDemoData(IIdentityStore store, IPasswordHasher<StaffMember> hasher, TimeProvider clock) : IDemoDataSeeder
{
    public const string DemoPassword = "TayNinh@2026";

    internal static readonly Guid ProvinceCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000001");
    internal static readonly Guid JusticeDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000002");

    /// <summary>Sở Nông nghiệp và Môi trường: took over the former Sở Tài nguyên và Môi trường (same id, so old records follow it).</summary>
    internal static readonly Guid AgricultureEnvironmentDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000003");
    internal static readonly Guid ConstructionDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000004");

    /// <summary>Sở Tài chính: took over the former Sở Kế hoạch và Đầu tư.</summary>
    internal static readonly Guid FinanceDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000005");

    // 0195a1f0-0000-7000-8000-000000000006 was UBND thành phố Tây Ninh (district level, gone since 1 July 2025):
    // never reused, so build/two-tier-map.tay-ninh.sql can move what old databases filed under it.

    /// <summary>UBND phường Tân Ninh: phường 1, 2, 3, IV and Hiệp Ninh of the former city of Tây Ninh.</summary>
    internal static readonly Guid TanNinhWardCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");

    /// <summary>Sở Nội vụ: took over labour and employment from the former Sở Lao động - Thương binh và Xã hội.</summary>
    internal static readonly Guid HomeAffairsDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000008");
    internal static readonly Guid ServiceCentre = Guid.Parse("0195a1f0-0000-7000-8000-000000000009");
    internal static readonly Guid BinhMinhWardCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000010");
    internal static readonly Guid IndustryTradeDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000011");
    internal static readonly Guid ScienceTechnologyDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000012");
    internal static readonly Guid CultureSportsTourismDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000013");
    internal static readonly Guid EducationDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000014");
    internal static readonly Guid HealthDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000015");
    internal static readonly Guid ProvincialInspectorate = Guid.Parse("0195a1f0-0000-7000-8000-000000000016");
    internal static readonly Guid CommitteeOffice = Guid.Parse("0195a1f0-0000-7000-8000-000000000017");
    internal static readonly Guid LongAnWardCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000018");

    /// <summary>
    /// The directory. Codes are the demo's placeholders in the shape of the agency catalogue (those of agencies
    /// that took over an old one are kept, so dossier codes already issued stay recognisable); a province enters its own.
    /// </summary>
    internal static IReadOnlyList<Agency> Agencies { get; } =
    [
        new() { Id = ProvinceCommittee, Code = "000.00.00.H57", Name = "Ủy ban nhân dân tỉnh Tây Ninh", Level = AgencyLevel.Province },
        new() { Id = ServiceCentre, Code = "000.00.40.H57", Name = "Trung tâm Phục vụ hành chính công tỉnh Tây Ninh", Level = AgencyLevel.ServiceCentre, ParentId = ProvinceCommittee },
        new() { Id = CommitteeOffice, Code = "000.00.48.H57", Name = "Văn phòng Ủy ban nhân dân tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = HomeAffairsDepartment, Code = "000.00.16.H57", Name = "Sở Nội vụ tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = JusticeDepartment, Code = "000.00.12.H57", Name = "Sở Tư pháp tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = FinanceDepartment, Code = "000.00.08.H57", Name = "Sở Tài chính tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = IndustryTradeDepartment, Code = "000.00.42.H57", Name = "Sở Công Thương tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = AgricultureEnvironmentDepartment, Code = "000.00.17.H57", Name = "Sở Nông nghiệp và Môi trường tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = ConstructionDepartment, Code = "000.00.13.H57", Name = "Sở Xây dựng tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = ScienceTechnologyDepartment, Code = "000.00.43.H57", Name = "Sở Khoa học và Công nghệ tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = CultureSportsTourismDepartment, Code = "000.00.44.H57", Name = "Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = EducationDepartment, Code = "000.00.45.H57", Name = "Sở Giáo dục và Đào tạo tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = HealthDepartment, Code = "000.00.46.H57", Name = "Sở Y tế tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = ProvincialInspectorate, Code = "000.00.47.H57", Name = "Thanh tra tỉnh Tây Ninh", Level = AgencyLevel.Department, ParentId = ProvinceCommittee },
        new() { Id = TanNinhWardCommittee, Code = "000.30.01.H57", Name = "Ủy ban nhân dân phường Tân Ninh", Level = AgencyLevel.Commune, ParentId = ProvinceCommittee },
        new() { Id = BinhMinhWardCommittee, Code = "000.30.02.H57", Name = "Ủy ban nhân dân phường Bình Minh", Level = AgencyLevel.Commune, ParentId = ProvinceCommittee },
        new() { Id = LongAnWardCommittee, Code = "000.30.03.H57", Name = "Ủy ban nhân dân phường Long An", Level = AgencyLevel.Commune, ParentId = ProvinceCommittee },
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Store<Agency>([.. Agencies]);
        await using (var units = typeof(IdentityDemoData).Assembly.GetManifestResourceStream("Province.Modules.Identity.DemoData.administrative-units.json")
            ?? throw new InvalidOperationException("administrative-units.json is not embedded."))
        {
            AdministrativeUnitCatalog.Stage(session, AdministrativeUnitCatalog.Read(units));
        }

        var existing = (await session.Query<StaffMember>().Select(s => s.UserName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        void Staff(string userName, string fullName, StaffRole role, Guid agencyId)
        {
            if (existing.Contains(userName))
            {
                return;
            }

            var staff = new StaffMember { UserName = userName, FullName = fullName, Role = role, AgencyId = agencyId, CreatedAt = clock.GetUtcNow().ToUniversalTime() };
            staff.PasswordHash = hasher.HashPassword(staff, DemoPassword);
            session.Insert(staff);
        }

        Staff("quantri", "Lê Minh Quân", StaffRole.Administrator, ProvinceCommittee);
        Staff("tuphap.lan", "Nguyễn Thị Lan", StaffRole.Officer, JusticeDepartment);
        Staff("tuphap.hung", "Trần Văn Hùng", StaffRole.Officer, JusticeDepartment);
        Staff("nnmt.thao", "Phạm Thu Thảo", StaffRole.Officer, AgricultureEnvironmentDepartment);
        Staff("xaydung.son", "Võ Thanh Sơn", StaffRole.Officer, ConstructionDepartment);
        Staff("tanninh.mai", "Đặng Thị Mai", StaffRole.Officer, TanNinhWardCommittee);
        Staff("tanninh.tuan", "Huỳnh Anh Tuấn", StaffRole.Officer, TanNinhWardCommittee);
        Staff("binhminh.khoa", "Lý Đăng Khoa", StaffRole.Officer, BinhMinhWardCommittee);
        Staff("noivu.binh", "Ngô Thanh Bình", StaffRole.Officer, HomeAffairsDepartment);
        Staff("taichinh.ha", "Trương Thị Hà", StaffRole.Officer, FinanceDepartment);
        Staff("trungtam.hoa", "Trịnh Thu Hòa", StaffRole.Officer, ServiceCentre);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another host instance starting at the same moment added the same staff first; agencies and units are upserts.
        }
    }
}
