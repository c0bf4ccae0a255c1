using System.Collections.Frozen;
using System.Text.Json.Serialization;

namespace Province.Simulators.NationalPortal;

/// <summary>
/// The simulator's own procedure catalog: six real procedures with their real names, processing times and
/// legal bases, handled by agencies of Tây Ninh province (the codes of the portal's agency catalog, H57).
/// It is a snapshot for development and tests, not a source of truth: the real catalog is the portal's.
/// Field codes (<c>MALINHVUC</c>) are the simulator's own mnemonics.
/// </summary>
internal static class NationalPortalCatalog
{
    private const string WorkingDays = "Ngày làm việc";

    // Since 1 July 2025 (two-tier local government) the procedures the district's People's Committee ran are the commune's.
    private static readonly Agency TanNinhWard = new("000.30.01.H57", "Ủy ban nhân dân phường Tân Ninh");
    private static readonly Agency DepartmentOfJustice = new("000.00.12.H57", "Sở Tư pháp tỉnh Tây Ninh");
    private static readonly Agency DepartmentOfAgricultureAndEnvironment = new("000.00.17.H57", "Sở Nông nghiệp và Môi trường tỉnh Tây Ninh");

    private static readonly LegalBasis CivilStatusLaw = new("60/2014/QH13", "Luật Hộ tịch");
    private static readonly LegalBasis CivilStatusDecree = new("123/2015/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch");
    private static readonly LegalBasis CivilStatusCircular = new("04/2020/TT-BTP", "Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP");

    public static IReadOnlyList<Procedure> Procedures { get; } =
    [
        new(
            "1.001193",
            "Đăng ký khai sinh",
            "HO_TICH",
            "Hộ tịch",
            Level.Full,
            Steps(
                "Người đi đăng ký khai sinh nộp tờ khai và giấy tờ theo quy định tại Ủy ban nhân dân cấp xã nơi cư trú của người cha hoặc người mẹ, hoặc nộp trực tuyến",
                "Công chức tư pháp - hộ tịch kiểm tra hồ sơ; nếu đầy đủ, hợp lệ thì ghi nội dung khai sinh vào Sổ hộ tịch và cập nhật vào Cơ sở dữ liệu hộ tịch điện tử",
                "Chủ tịch Ủy ban nhân dân cấp xã cấp Giấy khai sinh cho người được đăng ký khai sinh"),
            Channels(1),
            [
                new("Tờ khai đăng ký khai sinh", 1, true, "Tờ khai đăng ký khai sinh", "to-khai-dang-ky-khai-sinh.docx"),
                new("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh hoặc giấy cam đoan về việc sinh", 1, true, null, null),
                new("Văn bản ủy quyền theo quy định của pháp luật, nếu ủy quyền thực hiện việc đăng ký khai sinh", 1, false, null, null),
            ],
            [new("Miễn lệ phí đăng ký khai sinh đúng hạn", 0, null)],
            [TanNinhWard],
            [new("Giấy khai sinh (bản chính)")],
            [CivilStatusLaw, CivilStatusDecree, CivilStatusCircular],
            null),
        new(
            "1.000894",
            "Đăng ký kết hôn",
            "HO_TICH",
            "Hộ tịch",
            Level.Partial,
            Steps(
                "Hai bên nam, nữ nộp tờ khai đăng ký kết hôn và giấy tờ theo quy định tại Ủy ban nhân dân cấp xã nơi cư trú của một trong hai bên, hoặc nộp trực tuyến",
                "Công chức tư pháp - hộ tịch kiểm tra hồ sơ; nếu thấy đủ điều kiện kết hôn thì ghi việc kết hôn vào Sổ hộ tịch",
                "Hai bên nam, nữ cùng có mặt, ký vào Sổ hộ tịch và Giấy chứng nhận kết hôn; Chủ tịch Ủy ban nhân dân cấp xã trao Giấy chứng nhận kết hôn"),
            Channels(1),
            [
                new("Tờ khai đăng ký kết hôn", 1, true, "Tờ khai đăng ký kết hôn", "to-khai-dang-ky-ket-hon.docx"),
                new("Giấy xác nhận tình trạng hôn nhân, nếu đăng ký kết hôn tại Ủy ban nhân dân cấp xã không phải nơi thường trú của người đó", 1, false, null, null),
            ],
            [new("Miễn lệ phí đăng ký kết hôn giữa công dân Việt Nam cư trú ở trong nước", 0, null)],
            [TanNinhWard],
            [new("Giấy chứng nhận kết hôn")],
            [new("52/2014/QH13", "Luật Hôn nhân và gia đình"), CivilStatusLaw, CivilStatusDecree, CivilStatusCircular],
            "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện quyết định; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn theo Luật Hôn nhân và gia đình"),
        new(
            "2.000488",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
            "LY_LICH_TU_PHAP",
            "Lý lịch tư pháp",
            Level.Full,
            Steps(
                "Người yêu cầu nộp Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp và giấy tờ kèm theo tại Sở Tư pháp, qua dịch vụ bưu chính hoặc trực tuyến",
                "Sở Tư pháp tra cứu thông tin lý lịch tư pháp; phối hợp với cơ quan Công an và các cơ quan có liên quan để xác minh khi cần",
                "Sở Tư pháp cấp Phiếu lý lịch tư pháp và trả kết quả cho người yêu cầu"),
            Channels(10),
            [
                new("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", 1, true, "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "to-khai-yeu-cau-cap-phieu-ly-lich-tu-phap.docx"),
                new("Bản chụp giấy tờ tùy thân của người được cấp Phiếu lý lịch tư pháp", 1, true, null, null),
                new("Văn bản ủy quyền, nếu ủy quyền cho người khác làm thủ tục yêu cầu cấp Phiếu lý lịch tư pháp số 1", 1, false, null, null),
            ],
            [new("Phí cung cấp thông tin lý lịch tư pháp", 200_000, "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng/lần/người")],
            [DepartmentOfJustice],
            [new("Phiếu lý lịch tư pháp số 1 hoặc Phiếu lý lịch tư pháp số 2")],
            [
                new("28/2009/QH12", "Luật Lý lịch tư pháp"),
                new("111/2010/NĐ-CP", "Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp"),
                new("244/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp"),
            ],
            null),
        new(
            "1.009794",
            "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "XAY_DUNG",
            "Hoạt động xây dựng",
            Level.Full,
            Steps(
                "Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép xây dựng tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã, hoặc nộp trực tuyến",
                "Cơ quan cấp phép kiểm tra hồ sơ, tổ chức kiểm tra thực địa và xem xét sự phù hợp với quy hoạch",
                "Ủy ban nhân dân cấp xã cấp giấy phép xây dựng, hoặc trả lời bằng văn bản nêu rõ lý do nếu không đủ điều kiện cấp"),
            Channels(15),
            [
                new("Đơn đề nghị cấp giấy phép xây dựng", 1, true, "Đơn đề nghị cấp giấy phép xây dựng", "don-de-nghi-cap-giay-phep-xay-dung.docx"),
                new("Bản sao một trong những giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai", 1, true, null, null),
                new("Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất, mặt bằng các tầng, mặt đứng, mặt cắt chính, mặt bằng móng và sơ đồ đấu nối hạ tầng kỹ thuật", 2, true, null, null),
                new("Bản cam kết bảo đảm an toàn đối với công trình liền kề, nếu công trình có công trình liền kề", 1, false, null, null),
            ],
            [new("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75_000, "Mức thu do Hội đồng nhân dân tỉnh quy định")],
            [TanNinhWard],
            [new("Giấy phép xây dựng")],
            [
                new("50/2014/QH13", "Luật Xây dựng"),
                new("62/2020/QH14", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng"),
                new("175/2024/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng"),
            ],
            "Phù hợp với mục đích sử dụng đất theo quy hoạch sử dụng đất được phê duyệt; bảo đảm an toàn cho công trình và công trình lân cận"),
        new(
            "1.001612",
            "Đăng ký thành lập hộ kinh doanh",
            "DANG_KY_KINH_DOANH",
            "Thành lập và hoạt động của hộ kinh doanh",
            Level.Full,
            Steps(
                "Người đề nghị nộp hồ sơ đăng ký hộ kinh doanh tại Phòng Kinh tế của Ủy ban nhân dân cấp xã nơi đặt trụ sở hộ kinh doanh, hoặc nộp trực tuyến",
                "Cơ quan đăng ký kinh doanh cấp xã xem xét tính hợp lệ của hồ sơ",
                "Cơ quan đăng ký kinh doanh cấp xã cấp Giấy chứng nhận đăng ký hộ kinh doanh, hoặc thông báo bằng văn bản nội dung cần sửa đổi, bổ sung"),
            Channels(3),
            [
                new("Giấy đề nghị đăng ký hộ kinh doanh", 1, true, "Giấy đề nghị đăng ký hộ kinh doanh", "giay-de-nghi-dang-ky-ho-kinh-doanh.docx"),
                new("Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh, nếu các thành viên hộ gia đình đăng ký hộ kinh doanh", 1, false, null, null),
                new("Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh", 1, false, null, null),
            ],
            [new("Lệ phí đăng ký hộ kinh doanh", 100_000, "Mức thu do Hội đồng nhân dân tỉnh quy định")],
            [TanNinhWard],
            [new("Giấy chứng nhận đăng ký hộ kinh doanh")],
            [
                new("01/2021/NĐ-CP", "Nghị định về đăng ký doanh nghiệp"),
                new("01/2021/TT-BKHĐT", "Thông tư hướng dẫn về đăng ký doanh nghiệp"),
            ],
            null),
        new(
            "1.013831",
            "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi, chuyển nhượng, thừa kế, tặng cho, góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "DAT_DAI",
            "Đất đai",
            Level.Partial,
            Steps(
                "Người sử dụng đất nộp hồ sơ đăng ký biến động tại Bộ phận Một cửa hoặc Văn phòng đăng ký đất đai, hoặc nộp trực tuyến",
                "Văn phòng đăng ký đất đai kiểm tra hồ sơ, gửi thông tin địa chính đến cơ quan thuế để xác định nghĩa vụ tài chính",
                "Văn phòng đăng ký đất đai cập nhật biến động vào hồ sơ địa chính, xác nhận biến động trên Giấy chứng nhận đã cấp hoặc cấp Giấy chứng nhận mới"),
            Channels(10),
            [
                new("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", 1, true, "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", "don-dang-ky-bien-dong-dat-dai.docx"),
                new("Hợp đồng, văn bản về việc chuyển đổi, chuyển nhượng, thừa kế, tặng cho, góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 1, true, null, null),
                new("Giấy chứng nhận đã cấp (bản gốc)", 1, true, null, null),
            ],
            [new("Lệ phí cấp Giấy chứng nhận và phí thẩm định hồ sơ", 0, "Theo mức do Hội đồng nhân dân tỉnh quy định; chưa gồm lệ phí trước bạ và thuế thu nhập cá nhân")],
            [DepartmentOfAgricultureAndEnvironment],
            [new("Xác nhận nội dung biến động trên Giấy chứng nhận đã cấp, hoặc Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất")],
            [
                new("31/2024/QH15", "Luật Đất đai"),
                new("101/2024/NĐ-CP", "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai"),
            ],
            null),
    ];

    /// <summary>What <c>LayDanhSachTTHC</c> answers.</summary>
    public static IReadOnlyList<ProcedureSummary> Summaries { get; } =
        [.. Procedures.Select(static procedure => new ProcedureSummary(procedure.Code, procedure.Name, procedure.FieldCode, procedure.FieldName, procedure.Level))];

    private static readonly FrozenDictionary<string, Procedure> ByCode =
        Procedures.ToFrozenDictionary(static procedure => procedure.Code, StringComparer.Ordinal);

    public static Procedure? Find(string code) => ByCode.GetValueOrDefault(code);

    private static ProcedureStep[] Steps(params string[] names) => [.. names.Select(static name => new ProcedureStep(name))];

    /// <summary>Every procedure here can be filed in person, online or by post within the same time limit.</summary>
    private static SubmissionChannel[] Channels(int days) =>
    [
        new("Trực tiếp", days, WorkingDays),
        new("Trực tuyến", days, WorkingDays),
        new("Dịch vụ bưu chính", days, WorkingDays),
    ];

    /// <summary>The portal's service levels: fully online, or online with an in-person step.</summary>
    private static class Level
    {
        public const string Full = "TOANTRINH";
        public const string Partial = "MOTPHAN";
    }
}

internal sealed record ProcedureSummary(
    [property: JsonPropertyName("MaTTHC")] string Code,
    [property: JsonPropertyName("TenTTHC")] string Name,
    [property: JsonPropertyName("MaLinhVuc")] string FieldCode,
    [property: JsonPropertyName("TenLinhVuc")] string FieldName,
    [property: JsonPropertyName("MucDo")] string Level);

/// <summary>What <c>LayThuTuc</c> answers for one procedure.</summary>
internal sealed record Procedure(
    [property: JsonPropertyName("MATTHC")] string Code,
    [property: JsonPropertyName("TENTTHC")] string Name,
    [property: JsonPropertyName("MALINHVUC")] string FieldCode,
    [property: JsonPropertyName("LINHVUCTHUCHIEN")] string FieldName,
    [property: JsonPropertyName("MUCDO")] string Level,
    [property: JsonPropertyName("TRINHTUTHUCHIEN")] IReadOnlyList<ProcedureStep> Steps,
    [property: JsonPropertyName("CACHTHUCTHUCHIEN")] IReadOnlyList<SubmissionChannel> Channels,
    [property: JsonPropertyName("THANHPHANHOSO")] IReadOnlyList<RequiredDocument> Documents,
    [property: JsonPropertyName("PHILEPHI")] IReadOnlyList<Fee> Fees,
    [property: JsonPropertyName("COQUANTHUCHIEN")] IReadOnlyList<Agency> Agencies,
    [property: JsonPropertyName("KETQUATHUCHIEN")] IReadOnlyList<ProcedureOutcome> Outcomes,
    [property: JsonPropertyName("CANCUPHAPLY")] IReadOnlyList<LegalBasis> LegalBases,
    [property: JsonPropertyName("YEUCAU")] string? Requirements);

internal sealed record ProcedureStep([property: JsonPropertyName("TENBUOC")] string Name);

internal sealed record SubmissionChannel(
    [property: JsonPropertyName("KENH")] string Channel,
    [property: JsonPropertyName("THOIGIAN")] int Time,
    [property: JsonPropertyName("DONVITINH")] string Unit);

internal sealed record RequiredDocument(
    [property: JsonPropertyName("TENGIAYTO")] string Name,
    [property: JsonPropertyName("SOLUONG")] int Copies,
    [property: JsonPropertyName("BATBUOC")] bool Required,
    [property: JsonPropertyName("TENMAUDON")] string? FormName,
    [property: JsonPropertyName("TEPMAUDON")] string? FormFile);

internal sealed record Fee(
    [property: JsonPropertyName("MOTA")] string Description,
    [property: JsonPropertyName("SOTIEN")] long Amount,
    [property: JsonPropertyName("GHICHU")] string? Note);

internal sealed record Agency(
    [property: JsonPropertyName("MACOQUAN")] string Code,
    [property: JsonPropertyName("TENCOQUAN")] string Name);

internal sealed record ProcedureOutcome([property: JsonPropertyName("TENKETQUA")] string Name);

internal sealed record LegalBasis(
    [property: JsonPropertyName("SOVANBAN")] string Number,
    [property: JsonPropertyName("TENVANBAN")] string Name);
