using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Idempotency;

/// <summary>
/// The first answer to a create made with an <c>Idempotency-Key</c>, a document in the creating module's own
/// Marten store, saved in the same transaction as what was created (<see cref="MartenIdempotency"/>): either both exist or neither, so a
/// retry after a lost answer gets the first answer back instead of a second record.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The document id on Marten: "{Scope}/{Key}".</summary>
    public string Id { get; init; } = "";

    /// <summary>Whose keys these are (the citizen's id): two citizens may pick the same key.</summary>
    public required string Scope { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the request body: the same key with another body is a client bug (422).</summary>
    public required string RequestHash { get; init; }

    public int StatusCode { get; init; }

    public string? Location { get; init; }

    public required string ResponseBody { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A create request as the idempotency rules see it.</summary>
public sealed record IdempotentRequest(string Scope, string Key, string RequestHash)
{
    public const string HeaderName = "Idempotency-Key";
    internal const string ItemKey = "province:idempotency-key";

    public static IdempotentRequest For<TBody>(HttpContext context, string scope, TBody body)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Items[ItemKey] as string
            ?? throw new InvalidOperationException("The endpoint has no RequireIdempotencyKey() filter.");
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web)));
        return new IdempotentRequest(scope, key, hash);
    }
}

/// <summary>Replays a stored answer byte for byte, marked with <c>Idempotent-Replayed: true</c>.</summary>
public sealed class IdempotentReplay(IdempotencyRecord record) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = record.StatusCode;
        if (record.Location is not null)
        {
            httpContext.Response.Headers.Location = record.Location;
        }

        httpContext.Response.Headers["Idempotent-Replayed"] = "true";
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await httpContext.Response.WriteAsync(record.ResponseBody, Encoding.UTF8, httpContext.RequestAborted);
    }
}

public static class IdempotencyExtensions
{
    /// <summary>
    /// The endpoint requires an <c>Idempotency-Key</c> header (1-100 visible ASCII characters, a UUID
    /// is typical); without one it answers 400 before anything runs.
    /// </summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var key = context.HttpContext.Request.Headers[IdempotentRequest.HeaderName].ToString();
            if (key.Length is 0 or > 100 || !key.All(c => c is > ' ' and <= '~'))
            {
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    [IdempotentRequest.HeaderName] = ["Thiếu hoặc sai tiêu đề Idempotency-Key (1-100 ký tự, ví dụ một UUID mới cho mỗi lần gửi)."],
                });
            }

            context.HttpContext.Items[IdempotentRequest.ItemKey] = key;
            return await next(context);
        }).WithMetadata(new IdempotencyKeyRequired()).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}

/// <summary>Endpoint metadata: the endpoint reads an <c>Idempotency-Key</c> header (the OpenAPI document declares it).</summary>
public sealed class IdempotencyKeyRequired;
