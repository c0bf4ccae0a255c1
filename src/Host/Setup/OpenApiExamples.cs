using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Province.Host.Setup;

/// <summary>
/// Examples a client developer reads before writing a line: a request body and its answer for the main citizen
/// operations (by operation id), and one problem per error status, declared once under <c>components/examples</c> and
/// referred to from every error answer. Kept here, beside the rest of the document's shaping, so endpoints stay lean;
/// the values follow the demo data (phường Tân Ninh, the birth registration 1.001193), the ids are made up.
/// </summary>
internal static class OpenApiExamples
{
    private static readonly Dictionary<string, (string Request, string Response)> Operations = new(StringComparer.Ordinal)
    {
        ["SubmitDossier"] = (
            """
            {
              "procedureCode": "1.001193",
              "applicant": {
                "fullName": "Nguyễn Văn An",
                "dateOfBirth": "1990-05-12",
                "citizenIdNumber": "072090001234",
                "phoneNumber": "0912345678",
                "email": null,
                "address": "12 Trần Hưng Đạo, Phường 1, Tây Ninh"
              },
              "summary": "Đăng ký khai sinh cho con",
              "documents": [
                { "documentKey": "1", "fileIds": ["0193c7a2-5e1f-7b3c-9a41-2f6d8e0b1c11"] },
                { "documentKey": "2", "fileIds": ["0193c7a2-6a02-7d4e-8b52-3e7f9f1c2d22"] }
              ],
              "delivery": { "method": "atOffice", "address": null }
            }
            """,
            """
            {
              "dossierId": "0193c7a3-0b7e-7f10-a3c4-5d6e7f809a01",
              "title": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
              "dossierCode": "000.30.01.H57-261201-0001",
              "agencyName": "Ủy ban nhân dân phường Tân Ninh",
              "procedureCode": "1.001193",
              "procedureName": "Đăng ký khai sinh",
              "applicantName": "Nguyễn Văn An",
              "receivedAt": "2026-12-01T09:30:00+07:00",
              "dueAt": "2026-12-02T17:00:00+07:00",
              "documents": [
                { "key": "1", "name": "Tờ khai đăng ký khai sinh", "fileCount": 1 },
                { "key": "2", "name": "Giấy chứng sinh (hoặc văn bản của người làm chứng/giấy cam đoan về việc sinh nếu không có giấy chứng sinh)", "fileCount": 1 }
              ],
              "delivery": "Nhận kết quả trực tiếp tại Bộ phận Một cửa - Ủy ban nhân dân phường Tân Ninh",
              "lookupSecret": "K7M2Q9",
              "lookupUrl": "/api/public/dossiers/lookup/000.30.01.H57-261201-0001?secret=K7M2Q9",
              "pageUrl": "/api/dossiers/0193c7a3-0b7e-7f10-a3c4-5d6e7f809a01/receipt/page?expires=1764557400&signature=Zm9v",
              "qrCodeSvgUrl": "/api/dossiers/0193c7a3-0b7e-7f10-a3c4-5d6e7f809a01/receipt/qr-code.svg?expires=1764557400&signature=YmFy",
              "qrCodePngUrl": "/api/dossiers/0193c7a3-0b7e-7f10-a3c4-5d6e7f809a01/receipt/qr-code.png?expires=1764557400&signature=YmF6",
              "lines": ["Ủy ban nhân dân phường Tân Ninh đã nhận hồ sơ của: Nguyễn Văn An", "Mã hồ sơ: 000.30.01.H57-261201-0001", "Ngày hẹn trả kết quả: 02/12/2026 (tính lại khi hồ sơ được tiếp nhận)"]
            }
            """),
        ["SubmitFieldReport"] = (
            """
            {
              "categoryId": "0195a1f1-0000-7000-8000-000000000001",
              "title": "Ổ gà lớn trên đường Cách Mạng Tháng Tám",
              "description": "Ổ gà sâu khoảng 20 cm trước số nhà 45, xe máy dễ té vào ban đêm.",
              "latitude": 11.3101,
              "longitude": 106.0983,
              "address": "45 Cách Mạng Tháng Tám, phường Tân Ninh",
              "area": null,
              "anonymous": false,
              "photoIds": ["0193c7b0-1a2b-7c3d-8e4f-5a6b7c8d9e01"]
            }
            """,
            """
            {
              "report": {
                "id": "0193c7b1-2b3c-7d4e-9f50-6a7b8c9d0e12",
                "code": "PA-261201-0007",
                "categoryId": "0195a1f1-0000-7000-8000-000000000001",
                "categoryName": "Hư hỏng đường sá",
                "title": "Ổ gà lớn trên đường Cách Mạng Tháng Tám",
                "description": "Ổ gà sâu khoảng 20 cm trước số nhà 45, xe máy dễ té vào ban đêm.",
                "latitude": 11.3101,
                "longitude": 106.0983,
                "address": "45 Cách Mạng Tháng Tám, phường Tân Ninh",
                "wardCode": "25459",
                "wardName": "Phường Tân Ninh",
                "status": "submitted",
                "statusText": "Đã tiếp nhận",
                "agencyId": "0195a1f0-0000-7000-8000-000000000007",
                "agencyName": "Ủy ban nhân dân phường Tân Ninh",
                "answer": null,
                "answeredAt": null,
                "createdAt": "2026-12-01T07:45:00+07:00",
                "photos": [
                  {
                    "id": "0193c7b0-1a2b-7c3d-8e4f-5a6b7c8d9e01",
                    "fileName": "o-ga.jpg",
                    "contentType": "image/jpeg",
                    "size": 184322,
                    "url": "/api/field-reports/photos/0193c7b0-1a2b-7c3d-8e4f-5a6b7c8d9e01/content?expires=1764550800&signature=cXV4"
                  }
                ],
                "fixPhotos": []
              },
              "reporterName": "Nguyễn Văn An",
              "reporterPhone": "0912345678",
              "anonymous": false,
              "assignedStaffId": null,
              "assignedStaffName": null,
              "dueAt": "2026-12-08T07:45:00+07:00",
              "informationRequest": null,
              "rating": null,
              "reopens": 0,
              "history": [
                {
                  "at": "2026-12-01T07:45:00+07:00",
                  "actor": "Công dân",
                  "status": "submitted",
                  "statusText": "Đã tiếp nhận",
                  "description": "Phản ánh đã được gửi và chuyển đến Ủy ban nhân dân phường Tân Ninh.",
                  "note": null
                }
              ],
              "allowedActions": [],
              "version": 0
            }
            """),
        ["TakeQueueTicket"] = (
            """
            {
              "officeId": "0193c6f0-7a10-7b20-8c30-9d40ea50fb01",
              "serviceGroupId": "0193c6f0-7a10-7b20-8c30-9d40ea50fb02",
              "priority": null
            }
            """,
            """
            {
              "id": "0193c7c0-3c4d-7e5f-8a60-7b8c9d0e1f23",
              "number": "HT-012",
              "officeId": "0193c6f0-7a10-7b20-8c30-9d40ea50fb01",
              "officeName": "Bộ phận Một cửa phường Tân Ninh",
              "serviceGroupId": "0193c6f0-7a10-7b20-8c30-9d40ea50fb02",
              "serviceGroupName": "Hộ tịch",
              "day": "2026-12-01",
              "status": "waiting",
              "statusText": "Đang chờ",
              "priority": "none",
              "priorityStatus": "pending",
              "priorityStatusText": null,
              "counterId": null,
              "counterName": null,
              "issuedAt": "2026-12-01T08:05:00+07:00",
              "ahead": 4,
              "estimatedWaitMinutes": 40,
              "version": 0,
              "allowedActions": ["cancel"]
            }
            """),
        ["BookAppointment"] = (
            """
            {
              "slotId": "0193c6f1-8b20-7c30-9d40-ae50bf60c001",
              "procedureCode": "1.001193",
              "dossierId": null,
              "fullName": "Nguyễn Văn An",
              "phoneNumber": "0912345678"
            }
            """,
            """
            {
              "id": "0193c7d0-4d5e-7f60-9a70-8c9d0e1f2a34",
              "code": "LH7K2M9Q",
              "officeId": "0193c6f0-7a10-7b20-8c30-9d40ea50fb01",
              "officeName": "Bộ phận Một cửa phường Tân Ninh",
              "serviceGroupId": "0193c6f0-7a10-7b20-8c30-9d40ea50fb02",
              "serviceGroupName": "Hộ tịch",
              "slotId": "0193c6f1-8b20-7c30-9d40-ae50bf60c001",
              "day": "2026-12-03",
              "start": "09:00:00",
              "startsAt": "2026-12-03T09:00:00+07:00",
              "fullName": "Nguyễn Văn An",
              "phoneNumber": "0912345678",
              "procedureCode": "1.001193",
              "dossierId": null,
              "status": "approved",
              "statusText": "Đã xác nhận",
              "rejectionReason": null,
              "version": 0,
              "allowedActions": ["cancel", "reschedule"]
            }
            """),
    };

    private const string TraceId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /// <summary>One problem per error status, as Province writes it (RFC 9457 with <c>code</c> and <c>traceId</c>).</summary>
    private static readonly Dictionary<string, (string Name, string Problem)> Problems = new(StringComparer.Ordinal)
    {
        ["400"] = ("problem-400-validation", $$"""
            {
              "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
              "title": "Dữ liệu gửi lên không hợp lệ",
              "status": 400,
              "detail": "Vui lòng kiểm tra lại các trường được nêu.",
              "code": "validation.failed",
              "traceId": "{{TraceId}}",
              "errors": { "applicant.phoneNumber": ["Số điện thoại di động phải có 10 chữ số, ví dụ 0912345678."] }
            }
            """),
        ["401"] = Problem(401, "Chưa xác thực", "auth.unauthenticated", "Thiếu, sai hoặc hết hạn bearer token."),
        ["403"] = Problem(403, "Không có quyền", "auth.forbidden", "Bạn không có quyền thực hiện thao tác này."),
        ["404"] = Problem(404, "Không tìm thấy", "dossier.procedure_not_found", "Không có thủ tục mã 1.009999 trong danh mục."),
        ["409"] = Problem(409, "Xung đột dữ liệu", "appointments.slot_full", "Khung giờ này vừa hết chỗ. Vui lòng chọn khung giờ khác."),
        ["422"] = Problem(422, "Không thể thực hiện yêu cầu", "dossier.file_unavailable", "Có tệp không tồn tại, không phải của bạn, bị chọn hai lần hoặc đã nộp kèm hồ sơ khác. Vui lòng tải tệp lên lại."),
        ["429"] = Problem(429, "Quá nhiều yêu cầu", "request.rate_limited", "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau 30 giây."),
        ["503"] = Problem(503, "Dịch vụ tạm thời không sẵn sàng", "server.database_unavailable", "Cơ sở dữ liệu tạm thời không phản hồi; yêu cầu chưa được thực hiện. Vui lòng thử lại sau ít giây."),
    };

    /// <summary>The problem of one status without field errors: what differs is its title, code and detail.</summary>
    private static (string Name, string Problem) Problem(int status, string title, string code, string detail) =>
        ($"problem-{status}", $$"""
            { "title": "{{title}}", "status": {{status}}, "code": "{{code}}", "detail": "{{detail}}", "traceId": "{{TraceId}}" }
            """);

    /// <summary>Declares the problem examples once, under <c>components/examples</c>.</summary>
    public static void DeclareProblems(OpenApiComponents components)
    {
        components.Examples ??= new Dictionary<string, IOpenApiExample>();
        foreach (var (status, (name, problem)) in Problems)
        {
            components.Examples[name] = new OpenApiExample { Summary = $"Lỗi {status}", Value = JsonNode.Parse(problem) };
        }
    }

    /// <summary>The example of an error answer of <paramref name="status"/>, by reference, or none.</summary>
    public static IDictionary<string, IOpenApiExample>? ForProblem(string status, OpenApiDocument? document) =>
        Problems.TryGetValue(status, out var example)
            ? new Dictionary<string, IOpenApiExample> { [example.Name] = new OpenApiExampleReference(example.Name, document) }
            : null;

    /// <summary>The request body and success answer examples of the operation, when it is one of the main citizen operations.</summary>
    public static void Apply(OpenApiOperation operation)
    {
        if (operation.OperationId is null || !Operations.TryGetValue(operation.OperationId, out var example))
        {
            return;
        }

        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var request) == true)
        {
            request.Example = JsonNode.Parse(example.Request);
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status.StartsWith('2') && response.Content?.TryGetValue("application/json", out var answer) == true)
            {
                answer.Example = JsonNode.Parse(example.Response);
            }
        }
    }
}
