using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Province.BuildingBlocks.Persistence;

namespace Province.BuildingBlocks.Errors;

/// <summary>
/// Every error leaves as RFC 9457 problem details with a Vietnamese title, a stable <c>code</c> and
/// the trace id, whether an endpoint returned it, the framework refused the request (bad JSON,
/// 401, 404, 405...), or an exception escaped.
/// </summary>
public static partial class ProblemMapping
{
    private static readonly Dictionary<int, (string Title, string Code)> ByStatus = new()
    {
        [400] = ("Yêu cầu không hợp lệ", "request.invalid"),
        [401] = ("Chưa xác thực", "auth.unauthenticated"),
        [403] = ("Không có quyền", "auth.forbidden"),
        [404] = ("Không tìm thấy", "request.not_found"),
        [405] = ("Phương thức không được hỗ trợ", "request.method_not_allowed"),
        [409] = ("Xung đột dữ liệu", "request.conflict"),
        [413] = ("Dữ liệu gửi lên quá lớn", "request.too_large"),
        [415] = ("Định dạng dữ liệu không được hỗ trợ", "request.unsupported_media_type"),
        [422] = ("Không thể thực hiện yêu cầu", "request.unprocessable"),
        [429] = ("Quá nhiều yêu cầu", "request.rate_limited"),
        [500] = ("Đã có lỗi xảy ra", "server.error"),
        [503] = ("Dịch vụ tạm thời không sẵn sàng", "server.unavailable"),
    };

    public static IServiceCollection AddProvinceProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (ByStatus.TryGetValue(status, out var known))
            {
                // Replace the framework's English default titles; keep titles an endpoint chose.
                // (The reason phrase too: for 413 the problem defaults say "Content Too Large" after RFC 9110, the phrase table older words.)
                if (problem.Title is null || problem.Title == ReasonTitle(status) || problem.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
                {
                    problem.Title = known.Title;
                }

                problem.Extensions.TryAdd(Problems.CodeKey, known.Code);
            }

            // The W3C trace id when tracing is on (the same id the operator finds in the traces), else the request id.
            problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProvinceExceptionHandler>();
        return services;
    }

    /// <summary>The English titles ASP.NET Core puts on its own problems.</summary>
    private static string? ReasonTitle(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "An error occurred while processing your request.",
        503 => "Service Unavailable",
        _ => null,
    };

    /// <summary>
    /// The parameter a minimal API could not bind, from the framework's message (its only carrier): "Required parameter
    /// "int page" was not provided from query string." or "Failed to bind parameter "Guid officeId" from "abc"."
    /// Body (JSON) failures keep their own answer.
    /// </summary>
    private static (string Name, string Message)? BadParameter(BadHttpRequestException exception)
    {
        var match = ParameterInMessage().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        return match.Groups["kind"].Value == "Required"
            ? (name, $"Thiếu tham số bắt buộc '{name}'.")
            : (name, $"Giá trị của tham số '{name}' không hợp lệ (sai kiểu hoặc định dạng).");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^(?<kind>Required|Failed to bind) parameter \"(?:[^\"]* )?(?<name>[^\" ]+)\" (?:was not provided|from)", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 1000)]
    private static partial System.Text.RegularExpressions.Regex ParameterInMessage();

    private sealed partial class ProvinceExceptionHandler(IProblemDetailsService problems, ILogger<ProvinceExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is BadHttpRequestException { StatusCode: 400 } badParameter && BadParameter(badParameter) is { } parameter)
            {
                httpContext.Response.StatusCode = 400;
                return await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    Exception = exception,
                    ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [parameter.Name] = [parameter.Message] })
                    {
                        Status = 400,
                        Title = "Dữ liệu gửi lên không hợp lệ",
                        Detail = parameter.Message,
                        Extensions = { [Problems.CodeKey] = "validation.invalid_parameter" },
                    },
                });
            }

            var (status, code, detail) = exception switch
            {
                BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 413 ? "request.too_large" : "request.malformed",
                    bad.StatusCode == 413 ? "Dữ liệu gửi lên vượt quá dung lượng cho phép." : "Không đọc được dữ liệu gửi lên. Vui lòng kiểm tra định dạng JSON và kiểu của từng trường."),
                DependencyUnavailableException dependency => (503, "server.dependency_unavailable",
                    $"Hệ thống liên kết ({dependency.Dependency}) tạm thời không phản hồi. Vui lòng thử lại sau."),
                _ when DatabaseErrors.IsUnavailable(exception) => (503, "server.database_unavailable",
                    "Cơ sở dữ liệu tạm thời không phản hồi; yêu cầu chưa được thực hiện. Vui lòng thử lại sau ít giây."),
                _ when DatabaseErrors.IsConcurrencyConflict(exception) => (409, "request.concurrent_update",
                    "Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại rồi thử lại."),
                _ when DatabaseErrors.IsUniqueViolation(exception) => (409, "request.duplicate",
                    "Dữ liệu trùng với một bản ghi đã có."),
                _ => (500, "server.error", "Đã có lỗi xảy ra. Vui lòng thử lại sau."),
            };

            if (status == 503)
            {
                LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
            }
            else if (status >= 500)
            {
                LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            }

            if (exception is DependencyUnavailableException unavailable)
            {
                httpContext.Response.Headers.RetryAfter = ((int)unavailable.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            else if (status == 503)
            {
                // A restarting PostgreSQL is usually back within seconds; the pool drops broken connections itself.
                httpContext.Response.Headers.RetryAfter = "5";
            }

            httpContext.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = { Status = status, Detail = detail, Extensions = { [Problems.CodeKey] = code } },
            });
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 on {Method} {Path}: a dependency is unavailable ({Reason})")]
        private static partial void LogUnavailable(ILogger logger, string method, string path, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
        private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
    }
}
