using Marten;
using Province.BuildingBlocks.Persistence;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.DemoData;

/// <summary>
/// The categories the seeds name, each with a handling deadline, an answer template and the department competent
/// for it under Decree 45/2025/NĐ-CP (where an overdue report of a ward goes), and routing rules to Identity's demo
/// agencies: construction and land to Sở Xây dựng, environment to Sở Nông nghiệp và Môi trường, anything else in
/// phường Tân Ninh or phường Bình Minh to that ward, and what names no place to the office of the province's
/// People's Committee, which passes it on. Places are current communes: an old address is resolved before routing.
/// </summary>
internal sealed class FieldReportsDemoData(IFieldReportsStore store) : IDemoDataSeeder
{
    private static readonly Guid AgricultureEnvironmentDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000003");
    private static readonly Guid ConstructionDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000004");
    private static readonly Guid TanNinhWardCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000007");
    private static readonly Guid BinhMinhWardCommittee = Guid.Parse("0195a1f0-0000-7000-8000-000000000010");
    private static readonly Guid HealthDepartment = Guid.Parse("0195a1f0-0000-7000-8000-000000000015");
    private static readonly Guid CommitteeOffice = Guid.Parse("0195a1f0-0000-7000-8000-000000000017");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<Category>().AnyAsync(cancellationToken))
        {
            return;
        }

        Category Add(string code, string name, int hours, string template, Guid? competentDepartment = null)
        {
            var category = new Category
            {
                Code = code,
                Name = name,
                HandlingHours = hours,
                EscalationAgencyId = competentDepartment,
                AnswerTemplates = [new AnswerTemplate { Title = "Đã khắc phục", Text = template }],
            };
            session.Insert(category);
            return category;
        }

        Add("an-toan-giao-thong", "An toàn giao thông", 72, "Cơ quan đã phối hợp lực lượng chức năng kiểm tra, xử lý vi phạm tại vị trí phản ánh. Cảm ơn người dân đã phản ánh.", ConstructionDepartment);
        Add("an-ninh-trat-tu", "An ninh trật tự đô thị", 48, "Lực lượng chức năng đã đến hiện trường, nhắc nhở và xử lý theo quy định.");
        Add("an-toan-thuc-pham", "An toàn thực phẩm", 120, "Đoàn kiểm tra đã kiểm tra cơ sở, lấy mẫu và xử lý vi phạm theo quy định.", HealthDepartment);
        var construction = Add("dat-dai-xay-dung", "Đất đai - xây dựng", 168, "Cơ quan đã kiểm tra hiện trạng, lập biên bản và yêu cầu khắc phục công trình vi phạm.", ConstructionDepartment);
        var environment = Add("moi-truong", "Môi trường", 72, "Đơn vị vệ sinh môi trường đã thu gom, xử lý tại vị trí phản ánh.", AgricultureEnvironmentDepartment);
        var utilities = Add("dien-nuoc-chieu-sang", "Điện - nước - chiếu sáng", 48, "Đơn vị quản lý đã sửa chữa, thay thế thiết bị hư hỏng.", ConstructionDepartment);
        Add("ha-tang-giao-thong", "Hạ tầng giao thông (ổ gà, vỉa hè, cây xanh)", 120, "Đơn vị quản lý hạ tầng đã sửa chữa mặt đường, vỉa hè tại vị trí phản ánh.", ConstructionDepartment);

        session.Insert(
            new RoutingRule { Order = 10, CategoryId = utilities.Id, Area = "Phường Tân Ninh", AgencyId = TanNinhWardCommittee },
            new RoutingRule { Order = 20, CategoryId = construction.Id, AgencyId = ConstructionDepartment },
            new RoutingRule { Order = 30, CategoryId = environment.Id, AgencyId = AgricultureEnvironmentDepartment },
            new RoutingRule { Order = 40, Area = "Phường Tân Ninh", AgencyId = TanNinhWardCommittee },
            new RoutingRule { Order = 50, Area = "Phường Bình Minh", AgencyId = BinhMinhWardCommittee },
            new RoutingRule { Order = 1000, AgencyId = CommitteeOffice });
        await session.SaveChangesAsync(cancellationToken);
    }
}
