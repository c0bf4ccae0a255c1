using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Text;

namespace Province.BuildingBlocks.Hosting;

/// <summary>
/// Query strings and route values are text from the edge too: a control character or bidi override in one (a NUL
/// reaching PostgreSQL fails the statement) is refused with a 400 problem before any endpoint reads it. Bodies are
/// cleaned as they are read (<see cref="CleanTextJsonConverter"/>); a query value is a filter or an id, where a
/// silently changed value would answer a different question, so it is refused rather than cleaned.
/// </summary>
public static class QueryTextGuard
{
    public static IApplicationBuilder UseQueryTextGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HasUnwanted(context.Request.Query) || HasUnwanted(context.Request.Path.Value))
            {
                await Problems.Create(StatusCodes.Status400BadRequest, "request.control_characters", "Yêu cầu không hợp lệ",
                        "Địa chỉ yêu cầu chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản. Vui lòng nhập lại nội dung tìm kiếm.")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool HasUnwanted(IQueryCollection query) =>
        query.Any(pair => HasUnwanted(pair.Key) || pair.Value.Any(HasUnwanted));

    private static bool HasUnwanted(string? text) => text is not null && text.Any(TextInput.IsUnwanted);
}
