using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Province.BuildingBlocks.Errors;

/// <summary>
/// RFC 9457 problem details with a Vietnamese title and a stable machine-readable <c>code</c>
/// extension (for example <c>identity.stale_version</c>), so clients branch on codes, not on text.
/// </summary>
public static class Problems
{
    public const string CodeKey = "code";

    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { [CodeKey] = code });

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Không tìm thấy", detail);

    public static ProblemHttpResult Conflict(string code, string detail) =>
        Create(StatusCodes.Status409Conflict, code, "Xung đột dữ liệu", detail);

    public static ProblemHttpResult Forbidden(string code, string detail) =>
        Create(StatusCodes.Status403Forbidden, code, "Không có quyền", detail);

    public static ProblemHttpResult Unauthorized(string code, string detail) =>
        Create(StatusCodes.Status401Unauthorized, code, "Chưa xác thực", detail);

    public static ProblemHttpResult BusinessRule(string code, string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, "Không thể thực hiện yêu cầu", detail);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            title: "Dữ liệu gửi lên không hợp lệ",
            detail: "Vui lòng kiểm tra lại các trường được nêu.",
            extensions: new Dictionary<string, object?> { [CodeKey] = "validation.failed" });
}
