using Marten;
using MediatR;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.Submission;
using Province.Modules.Dossiers.Tracking.LookupDossier;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers.DemoData;

/// <summary>
/// The demo citizens' dossiers of the last months (Identity's demo citizens, known here by id only): new ones waiting
/// to be accepted, accepted, in processing, one waiting for a supplement, some overdue, results done and returned, one
/// refused, two handed in at a counter (one at the service centre, transferred to Sở Tư pháp). Each is an event stream
/// of the same steps an officer's actions write (with the times and due dates of the days they happened on, relative
/// to today in Vietnam), its snapshot kept inline as always. The past is not sent anywhere: no integration events
/// (no Zalo messages for old steps) and no national portal calls. Fixed ids: a dossier already there is left alone.
/// </summary>
internal sealed class DossiersDemoActivity(IDossiersStore store, IMediator mediator, DeadlinePolicy deadlines, TimeProvider clock) : IDemoActivitySeeder
{
    private enum Stage
    {
        New,
        Accepted,
        Processing,
        Supplement,
        Overdue,
        Done,
        Returned,
        Refused,
    }

    /// <summary>Citizen 0: handed in on paper at the counter of the officer named in Receiver (no Zalo account).</summary>
    private sealed record Scenario(int Number, int Citizen, string Procedure, int DaysAgo, Stage Stage, string Officer, string Summary, string? Note = null, string? Receiver = null);

    private static readonly Scenario[] Scenarios =
    [
        new(1, 1, "1.001193", 0, Stage.New, "tanninh.mai", "Đăng ký khai sinh cho con trai Nguyễn Minh Khang, sinh ngày 20 tại Bệnh viện Đa khoa tỉnh"),
        new(2, 2, "1.004873", 1, Stage.New, "tanninh.mai", "Xác nhận tình trạng hôn nhân để làm thủ tục vay vốn ngân hàng"),
        new(3, 7, "2.000815", 0, Stage.New, "tanninh.tuan", "Chứng thực bản sao bằng tốt nghiệp đại học và học bạ"),
        new(4, 3, "1.001612", 2, Stage.Accepted, "tanninh.mai", "Đăng ký hộ kinh doanh quán cà phê \"Phúc Lộc\" tại khu phố 2"),
        new(5, 4, "2.000488", 3, Stage.Processing, "tuphap.lan", "Cấp Phiếu lý lịch tư pháp số 1 để bổ sung hồ sơ xin việc"),
        new(6, 5, "1.004227", 5, Stage.Processing, "nnmt.thao", "Đăng ký biến động do nhận tặng cho quyền sử dụng đất thửa số 152, tờ bản đồ số 14"),
        new(7, 6, "2.002036", 2, Stage.Processing, "taichinh.ha", "Thành lập Công ty TNHH Thương mại Dịch vụ Thu Hương"),
        new(8, 1, "1.009995", 4, Stage.Supplement, "tanninh.tuan", "Xin phép sửa chữa, cải tạo nhà ở riêng lẻ tại số 12 đường Cách Mạng Tháng Tám",
            "Đề nghị bổ sung bản vẽ hiện trạng công trình và bản sao Giấy chứng nhận quyền sử dụng đất có chứng thực."),
        new(9, 8, "1.001776", 35, Stage.Overdue, "tanninh.mai", "Đề nghị hưởng trợ cấp xã hội hằng tháng cho người cao tuổi"),
        new(10, 2, "2.000720", 9, Stage.Overdue, "tanninh.tuan", "Thay đổi địa điểm kinh doanh của hộ kinh doanh tiệm may Bích Ngọc"),
        new(11, 3, "2.000505", 18, Stage.Overdue, "tuphap.hung", "Cấp Phiếu lý lịch tư pháp số 2 theo yêu cầu của cơ quan tố tụng"),
        new(12, 4, "1.000894", 40, Stage.Returned, "tanninh.mai", "Đăng ký kết hôn với ông Trần Quốc Việt", "Giấy chứng nhận kết hôn số 125/2026 đã ký, trao tại Bộ phận Một cửa."),
        new(13, 5, "2.000488", 62, Stage.Returned, "tuphap.lan", "Cấp Phiếu lý lịch tư pháp số 1 để đi xuất khẩu lao động", "Phiếu lý lịch tư pháp số 1 đã được cấp."),
        new(14, 6, "1.001612", 26, Stage.Returned, "tanninh.tuan", "Đăng ký hộ kinh doanh cửa hàng hoa tươi Thu Hương", "Giấy chứng nhận đăng ký hộ kinh doanh đã được cấp."),
        new(15, 7, "2.002038", 78, Stage.Returned, "taichinh.ha", "Thành lập Công ty Cổ phần Nông sản Quốc Bảo", "Giấy chứng nhận đăng ký doanh nghiệp đã được cấp."),
        new(16, 8, "1.004873", 8, Stage.Done, "tanninh.mai", "Xác nhận tình trạng hôn nhân để bổ sung hồ sơ nhận con nuôi", "Giấy xác nhận tình trạng hôn nhân đã ký, chờ công dân đến nhận."),
        new(17, 5, "1.012774", 16, Stage.Refused, "nnmt.thao", "Cấp đổi Giấy chứng nhận quyền sử dụng đất bị rách, hư hỏng",
            "Thửa đất đang có tranh chấp, đã có đơn gửi Ủy ban nhân dân phường; hồ sơ chưa đủ điều kiện tiếp nhận."),
        new(18, 0, "2.000884", 0, Stage.Accepted, "tanninh.mai", "Chứng thực chữ ký trong giấy ủy quyền", Receiver: "tanninh.mai"),
        new(19, 0, "2.000488", 1, Stage.New, "tuphap.lan", "Cấp Phiếu lý lịch tư pháp số 1 cho người lao động", Receiver: "trungtam.hoa"),
    ];

    private static Guid DossierId(int number) => DemoActivity.FixedId('d', number);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var existing = await DemoActivity.ExistingAsync<Dossier>(session, Scenarios.Select(s => DossierId(s.Number)), d => d.Id, cancellationToken);
        var missing = Scenarios.Where(s => !existing.Contains(DossierId(s.Number))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var codes = missing.Select(s => s.Procedure).Distinct().ToList();
        var procedures = (await session.Query<Procedure>().Where(p => codes.Contains(p.Code)).ToListAsync(cancellationToken)).ToDictionary(p => p.Code);
        foreach (var scenario in missing)
        {
            if (procedures.GetValueOrDefault(scenario.Procedure) is { } procedure)
            {
                await StageAsync(session, scenario, procedure, cancellationToken);
            }
        }

        await DemoActivity.SaveAsync(session, cancellationToken);
    }

    /// <summary>
    /// The demo officer by user name, or null when no module answers the request (Dossiers taken without Identity, where
    /// it is not required): the scenario is then skipped, since its history names real officers.
    /// </summary>
    private async Task<StaffMemberInfo?> FindOfficerAsync(string userName, CancellationToken cancellationToken)
    {
        try
        {
            return await mediator.Send(new FindStaffMemberByUserName(userName), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private async Task StageAsync(IDocumentSession session, Scenario scenario, Procedure procedure, CancellationToken cancellationToken)
    {
        var agency = await mediator.Send(new GetAgency(procedure.AgencyId), cancellationToken);
        var officer = await FindOfficerAsync(scenario.Officer, cancellationToken);
        var receiver = scenario.Receiver is null ? null : await FindOfficerAsync(scenario.Receiver, cancellationToken);
        var profile = scenario.Citizen == 0 ? null : await mediator.Send(new GetCitizenProfile(DemoCitizens.Id(scenario.Citizen)), cancellationToken);
        if (agency is null || officer is null || (scenario.Receiver is not null && receiver is null) || (scenario.Citizen != 0 && profile is null))
        {
            return;
        }

        var receiving = receiver is not null && receiver.AgencyId != agency.Id ? await mediator.Send(new GetAgency(receiver.AgencyId), cancellationToken) : null;
        var calendar = deadlines.Calendar;
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = deadlines.Today;
        var days = procedure.ProcessingWorkingDays;
        var daysAgo = scenario.DaysAgo;
        // An overdue dossier was accepted long enough ago that its legal time ran out before today.
        while (scenario.Stage == Stage.Overdue && calendar.AddWorkingDays(WorkingDayFrom(today.AddDays(-daysAgo)), days) >= today)
        {
            daysAgo++;
        }

        var submittedDay = today.AddDays(-daysAgo);
        DateTimeOffset At(DateOnly day, int hour, int minute)
        {
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), VietnamTime.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
            return at < now ? at : now.AddMinutes(-1);
        }

        var id = DossierId(scenario.Number);
        var applicant = profile is null
            ? new Applicant { FullName = scenario.Number % 2 == 0 ? "Trần Văn Lực" : "Mai Thị Thanh Tâm", PhoneNumber = "0909" + (123400 + scenario.Number), Address = "Phường Tân Ninh, tỉnh Tây Ninh", Commune = "Phường Tân Ninh" }
            : new Applicant
            {
                FullName = profile.FullName ?? "Công dân",
                DateOfBirth = profile.DateOfBirth,
                CitizenIdNumber = profile.CitizenIdNumber,
                PhoneNumber = profile.PhoneNumber,
                Address = profile.Address,
                Commune = profile.Address is null ? null : (await mediator.Send(new ResolveAdministrativeUnit(profile.Address), cancellationToken)).Unit?.Name,
            };
        var office = receiving ?? agency;
        var code = await DossierCodes.NextAsync(store, office.Code, submittedDay, cancellationToken);
        var due = calendar.AddWorkingDays(submittedDay, days);
        var submittedAt = At(submittedDay, 8 + (scenario.Number % 8), (scenario.Number * 7) % 60);
        var submitted = new DossierSubmittedOnline(
            receiver is not null
                ? new StepFacts(submittedAt, HistoryActor.Officer, receiver.Id, receiver.FullName, null, DossierStatus.New,
                    $"Hồ sơ được nộp trực tiếp tại Bộ phận Một cửa của {office.Name}; cán bộ {receiver.FullName} nhập hồ sơ.", null, due, null)
                : new StepFacts(submittedAt, HistoryActor.Citizen, DemoCitizens.Id(scenario.Citizen), "Công dân", null, DossierStatus.New,
                    $"Hồ sơ đã được nộp trực tuyến và chờ {agency.Name} tiếp nhận.", null, due, null),
            code, procedure.Id, procedure.Code, procedure.Name, procedure.Field, office.Id, office.Code, office.Name, days,
            scenario.Citizen == 0 ? Guid.Empty : DemoCitizens.Id(scenario.Citizen), applicant, scenario.Summary, ResultDelivery.AtOffice, null, [],
            receiving?.Id, receiving?.Name, DossierLookupSecret.New(), receiver is null ? DossierChannel.Online : DossierChannel.Counter);
        var steps = new List<IDossierStep> { submitted };
        var status = DossierStatus.New;
        StepFacts Facts(DateTimeOffset at, DossierStatus to, string description, string? note = null, DateOnly? pausedOn = null)
        {
            var facts = new StepFacts(at, HistoryActor.Officer, officer.Id, officer.FullName, status, to, description, note, due, pausedOn);
            status = to;
            return facts;
        }

        if (receiving is not null)
        {
            steps.Add(new DossierTransferred(
                new StepFacts(submittedAt, HistoryActor.System, receiving.Id, receiving.Name, DossierStatus.New, DossierStatus.New,
                    $"{receiving.Name} đã chuyển hồ sơ đến {agency.Name}, cơ quan có thẩm quyền giải quyết (thủ tục không phụ thuộc địa giới hành chính).", null, due, null),
                receiving.Id, receiving.Name, agency.Id, agency.Code, agency.Name));
        }

        if (scenario.Stage == Stage.Refused)
        {
            steps.Add(new DossierRefused(Facts(At(WorkingDayFrom(submittedDay.AddDays(1)), 9, 15), DossierStatus.Refused,
                "Hồ sơ không được tiếp nhận. Lý do được ghi kèm; bạn có thể nộp lại hồ sơ mới.", scenario.Note)));
        }
        else if (scenario.Stage != Stage.New)
        {
            // At the counter the officer accepts at once; online the next working day.
            var acceptDay = receiver is not null ? submittedDay : Earlier(WorkingDayFrom(submittedDay.AddDays(1)), today);
            due = calendar.AddWorkingDays(acceptDay, days);
            steps.Add(new DossierAccepted(Facts(At(acceptDay, receiver is not null ? 8 + (scenario.Number % 8) : 8, receiver is not null ? 30 + scenario.Number : 10), DossierStatus.Accepted,
                $"Hồ sơ đã được tiếp nhận. Ngày hẹn trả kết quả: {due:dd/MM/yyyy}.")));
            if (scenario.Stage is not Stage.Accepted)
            {
                steps.Add(new DossierAssigned(Facts(At(acceptDay, 10, 5), DossierStatus.Processing,
                    $"Hồ sơ đang được cán bộ {officer.FullName} xử lý. Ngày hẹn trả: {due:dd/MM/yyyy}."), officer.Id, officer.FullName));
            }

            if (scenario.Stage == Stage.Supplement)
            {
                var pausedOn = Earlier(WorkingDayFrom(acceptDay.AddDays(1)), today);
                steps.Add(new SupplementRequested(Facts(At(pausedOn, 14, 20), DossierStatus.SupplementRequested,
                    "Cơ quan yêu cầu bổ sung giấy tờ (xem nội dung kèm theo). Thời hạn giải quyết tạm dừng đến khi bạn nộp bổ sung.", scenario.Note, pausedOn), scenario.Note!));
            }

            if (scenario.Stage is Stage.Done or Stage.Returned)
            {
                var doneDay = Earlier(calendar.AddWorkingDays(acceptDay, Math.Max(0, days - 1)), today);
                steps.Add(new DossierCompleted(Facts(At(doneDay, 15, 30), DossierStatus.Done,
                    "Hồ sơ đã có kết quả. Mời bạn đến Bộ phận Một cửa nhận kết quả.", scenario.Note), scenario.Note));
                if (scenario.Stage == Stage.Returned)
                {
                    steps.Add(new ResultReturned(Facts(At(Earlier(WorkingDayFrom(doneDay.AddDays(1)), today), 9, 40), DossierStatus.ResultReturned,
                        "Kết quả đã được trả cho bạn.")));
                }
            }
        }

        session.Events.StartStream<Dossier>(id, [.. steps.Cast<object>()]);
    }

    private DateOnly WorkingDayFrom(DateOnly day)
    {
        while (!deadlines.Calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;
}
