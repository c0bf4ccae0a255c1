using Marten;
using MediatR;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Text;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.Routing;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.FieldReports.DemoData;

/// <summary>
/// The demo citizens' field reports of the last weeks in phường Tân Ninh, Bình Minh and Long An, with places on the map:
/// new ones, one in handling, one waiting for information, forwarded ones, answered in public (some rated), rejected.
/// Each is an event stream of the steps the reporter's and the officers' requests write (routed by the demo routing
/// rules, due by the category's handling time), with the times they happened at; its snapshot kept inline as always. No
/// integration events: the past sends no messages. Fixed ids: a report already there is left alone. Overdue ones are
/// escalated by the escalation watcher as any other.
/// </summary>
internal sealed class FieldReportsDemoActivity(IFieldReportsStore store, ReportRouter router, IMediator mediator, TimeProvider clock) : IDemoActivitySeeder
{
    private enum Stage
    {
        New,
        InProgress,
        WaitingForInformation,
        Forwarded,
        Answered,
        Rejected,
    }

    private sealed record Scenario(int Number, int Citizen, string Category, string Area, double Latitude, double Longitude, string Address,
        double HoursAgo, Stage Stage, string Title, string Text, string? Answer = null, int? Stars = null, bool Anonymous = false);

    private const string Officer = "Cán bộ tiếp nhận";

    private static readonly Scenario[] Scenarios =
    [
        new(1, 1, "ha-tang-giao-thong", "Phường Tân Ninh", 11.3112, 106.0968, "Đường Cách Mạng Tháng Tám, gần chợ Tây Ninh", 3, Stage.New,
            "Ổ gà lớn giữa đường", "Ổ gà sâu khoảng 20 cm ở làn xe máy, trời mưa đọng nước rất nguy hiểm cho người đi đường vào buổi tối."),
        new(2, 2, "moi-truong", "Phường Tân Ninh", 11.3071, 106.1024, "Hẻm 14 đường Trưng Nữ Vương", 20, Stage.New,
            "Rác thải tồn đọng nhiều ngày", "Điểm tập kết rác ở đầu hẻm không được thu gom ba ngày nay, bốc mùi hôi và ruồi nhặng."),
        new(3, 3, "dien-nuoc-chieu-sang", "Phường Bình Minh", 11.3512, 106.1187, "Đường Bời Lời, khu phố Ninh Phúc", 30, Stage.New,
            "Đèn đường không sáng", "Cả dãy đèn chiếu sáng khoảng 300 m không sáng từ tuần trước, đường tối và vắng.", Anonymous: true),
        new(4, 4, "an-ninh-trat-tu", "Phường Bình Minh", 11.3448, 106.1251, "Khu phố Ninh Thọ", 26, Stage.InProgress,
            "Tụ tập gây ồn ào ban đêm", "Nhóm thanh niên thường tụ tập nhậu và mở nhạc lớn đến 1-2 giờ sáng trước nhà số 35."),
        new(5, 5, "ha-tang-giao-thong", "Phường Long An", 10.5371, 106.4142, "Đường Hùng Vương, trước trường tiểu học", 50, Stage.WaitingForInformation,
            "Vỉa hè bị sụt lún", "Một đoạn vỉa hè dài khoảng 5 m bị sụt, học sinh phải đi xuống lòng đường.", Answer: "Đề nghị người phản ánh cho biết số nhà gần nhất để đơn vị xác định đúng vị trí."),
        new(6, 6, "dat-dai-xay-dung", "Phường Long An", 10.5402, 106.4087, "Đường Nguyễn Đình Chiểu", 70, Stage.Forwarded,
            "Xây dựng lấn chiếm hành lang đường", "Công trình đang xây dựng đổ vật liệu và dựng cột lấn ra lòng đường khoảng 2 m."),
        new(7, 7, "an-toan-thuc-pham", "Phường Tân Ninh", 11.3090, 106.0930, "Chợ đêm Tây Ninh", 44, Stage.Forwarded,
            "Quầy bán thức ăn không đảm bảo vệ sinh", "Nhiều quầy bán thức ăn chế biến sẵn để ngoài trời, không che đậy, người bán không đeo găng tay."),
        new(8, 1, "ha-tang-giao-thong", "Phường Tân Ninh", 11.3145, 106.1012, "Đường Phạm Tung, gần Trung tâm Phục vụ hành chính công", 240, Stage.Answered,
            "Cây xanh gãy nhánh đè lên vỉa hè", "Sau cơn mưa chiều qua một nhánh cây lớn gãy nằm chắn vỉa hè.",
            "Đơn vị quản lý cây xanh đã cắt dọn nhánh cây gãy và kiểm tra, cắt tỉa các cây còn lại trên tuyến đường trong ngày 2.", 5),
        new(9, 2, "moi-truong", "Phường Tân Ninh", 11.3058, 106.0991, "Bờ kênh Tây Ninh, đoạn cầu Quan", 400, Stage.Answered,
            "Xả rác xuống kênh", "Người dân quanh khu vực đổ rác sinh hoạt xuống bờ kênh, nước kênh đen và bốc mùi.",
            "Sở Nông nghiệp và Môi trường đã phối hợp Ủy ban nhân dân phường Tân Ninh thu gom rác, đặt biển cấm đổ rác và tổ chức tuyên truyền cho các hộ dân ven kênh.", 4),
        new(10, 3, "dien-nuoc-chieu-sang", "Phường Tân Ninh", 11.3128, 106.1049, "Đường 30/4, khu phố 3", 120, Stage.Answered,
            "Ống nước bị vỡ, nước chảy tràn", "Ống cấp nước dưới vỉa hè bị vỡ, nước chảy ra đường từ sáng.",
            "Công ty cấp nước đã thay đoạn ống bị vỡ và hoàn trả mặt vỉa hè. Cảm ơn người dân đã phản ánh kịp thời."),
        new(11, 4, "an-toan-giao-thong", "Phường Bình Minh", 11.3476, 106.1209, "Ngã tư Bình Minh", 300, Stage.Answered,
            "Xe tải đậu lấn làn gây kẹt xe", "Xe tải thường xuyên đậu dưới lòng đường để bốc dỡ hàng vào giờ cao điểm buổi sáng.",
            "Lực lượng Cảnh sát giao thông đã kiểm tra, nhắc nhở và lập biên bản hai trường hợp đậu xe sai quy định; sẽ tăng cường tuần tra giờ cao điểm.", 3),
        new(12, 5, "an-ninh-trat-tu", "Phường Long An", 10.5345, 106.4168, "Công viên phường Long An", 180, Stage.Rejected,
            "Bán hàng rong trong công viên", "Có người bán hàng rong trong công viên.",
            "Nội dung phản ánh chưa thể hiện hành vi vi phạm cụ thể; việc bán hàng tại khu vực này đã được phường cho phép theo khung giờ."),
        new(13, 8, "moi-truong", "Phường Bình Minh", 11.3533, 106.1156, "Ấp Thạnh Trung", 8, Stage.New,
            "Đốt rác gây khói", "Một hộ dân đốt rác và rơm rạ mỗi chiều, khói bay vào nhà xung quanh, người già và trẻ nhỏ bị ho."),
        new(14, 6, "ha-tang-giao-thong", "Phường Long An", 10.5388, 106.4119, "Đường Trương Định", 90, Stage.InProgress,
            "Nắp cống bị mất", "Nắp hố ga trên đường Trương Định bị mất, chỉ có cành cây cắm làm dấu."),
    ];

    private static Guid ReportId(int number) => DemoActivity.FixedId('e', number);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var existing = await DemoActivity.ExistingAsync<FieldReport>(session, Scenarios.Select(s => ReportId(s.Number)), r => r.Id, cancellationToken);
        var missing = Scenarios.Where(s => !existing.Contains(ReportId(s.Number))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var categories = (await session.Query<Category>().ToListAsync(cancellationToken)).ToDictionary(c => c.Code);
        var now = clock.GetUtcNow().ToUniversalTime();
        foreach (var scenario in missing)
        {
            if (categories.GetValueOrDefault(scenario.Category) is not { } category)
            {
                continue;
            }

            var (area, wardCode) = await router.LocateAsync(scenario.Area, cancellationToken);
            if (await router.RouteAsync(category.Id, area, cancellationToken) is not { } agencyId)
            {
                continue;
            }

            var agency = await mediator.Send(new GetAgency(agencyId), cancellationToken);
            var profile = await mediator.Send(new GetCitizenProfile(DemoCitizens.Id(scenario.Citizen)), cancellationToken);
            var at = now.AddHours(-scenario.HoursAgo);
            var id = ReportId(scenario.Number);
            var submitted = new ReportSubmitted(
                id, PublicCodes.New("PA-"), category.Id, scenario.Title, scenario.Text, scenario.Latitude, scenario.Longitude, scenario.Address, area,
                profile?.CitizenId, profile?.FullName, profile?.PhoneNumber, null, scenario.Anonymous, agencyId, at.AddHours(category.HandlingHours), "app", [],
                at, "Người phản ánh", "Phản ánh đã được gửi và chuyển ngay đến cơ quan có thẩm quyền.", category.Name, agency?.Name, wardCode);
            var events = new List<object> { submitted };
            var status = ReportStatus.Received;
            // Each step a share of the way from the submission to now, so the last one is still in the past.
            DateTimeOffset After(double share) => at.AddHours(scenario.HoursAgo * share);
            switch (scenario.Stage)
            {
                case Stage.InProgress:
                    events.Add(new ReportHandlingStarted(After(0.3), Officer, status, "Cơ quan đang xử lý phản ánh.", "Đã giao tổ công tác kiểm tra hiện trường."));
                    break;
                case Stage.WaitingForInformation:
                    events.Add(new ReportHandlingStarted(After(0.2), Officer, status, "Cơ quan đang xử lý phản ánh.", null));
                    events.Add(new ReportInformationRequested(After(0.4), Officer, ReportStatus.InProgress, "Cơ quan đề nghị bổ sung thông tin.", scenario.Answer));
                    break;
                case Stage.Forwarded:
                    var competent = category.EscalationAgencyId is { } department && department != agencyId ? await mediator.Send(new GetAgency(department), cancellationToken) : null;
                    if (competent is not null)
                    {
                        events.Add(new ReportForwarded(competent.Id, After(0.3), Officer, status, $"Phản ánh được chuyển đến {competent.Name}.",
                            "Nội dung thuộc thẩm quyền quản lý chuyên ngành của Sở.", competent.Name));
                    }

                    break;
                case Stage.Answered:
                    events.Add(new ReportHandlingStarted(After(0.05), Officer, status, "Cơ quan đang xử lý phản ánh.", null));
                    events.Add(new ReportAnswered(scenario.Answer!, [], After(0.15), Officer, ReportStatus.InProgress, "Cơ quan đã xử lý và trả lời công khai.", null));
                    if (scenario.Stars is { } stars)
                    {
                        events.Add(new ReportRated(stars, After(0.5), "Người phản ánh", ReportStatus.Resolved, stars >= 4 ? "Cảm ơn cơ quan đã xử lý nhanh." : null));
                    }

                    break;
                case Stage.Rejected:
                    events.Add(new ReportRejected(After(0.4), Officer, status, "Phản ánh không được xử lý (xem lý do).", scenario.Answer));
                    break;
            }

            session.Events.StartStream<FieldReport>(id, [.. events]);
        }

        await DemoActivity.SaveAsync(session, cancellationToken);
    }
}
