using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Idempotency;

/// <summary>
/// The first answer to a create made with an <c>Idempotency-Key</c>, kept in the creating module's own
/// schema and saved in the same transaction as what was created: either both exist or neither, so a
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

    /// <summary>
    /// The stored first answer for this key: <c>null</c> when the key is new, the replayed answer
    /// when it is the same request, a 422 problem when the key was used for another body.
    /// </summary>
    public async Task<IResult?> FindEarlierAnswerAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var earlier = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Scope == Scope && r.Key == Key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        return earlier.RequestHash == RequestHash
            ? new IdempotentReplay(earlier)
            : Problems.BusinessRule("idempotency.key_reused",
                "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác. Mỗi lần tạo mới cần một khóa mới.");
    }

    /// <summary>
    /// Runs <paramref name="create"/> in a transaction (committed only when it does not answer a
    /// problem). When the save fails because the same key raced in from another request, answers with
    /// that request's stored answer; otherwise <paramref name="explainConflict"/> may name the
    /// conflict (a unique rule of the module) before the failure is rethrown.
    /// </summary>
    public async Task<IResult> CreateOnceAsync(DbContext db, Func<Task<IResult>> create, Func<Task<IResult?>>? explainConflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(create);
        // A failed save abandons the whole transaction (it is rolled back below), so EF's savepoint
        // around each SaveChanges would only add two round trips to every create.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var result = await create();
                if (result is not Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)
                {
                    await transaction.CommitAsync(cancellationToken);
                }

                return result;
            });
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            if (await FindEarlierAnswerAsync(db, cancellationToken) is { } raced)
            {
                return raced;
            }

            if (explainConflict is not null && await explainConflict() is { } explained)
            {
                return explained;
            }

            throw;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>Stages the answer's record on <paramref name="db"/>; it is saved with the created record.</summary>
    public void Remember<TResponse>(DbContext db, int statusCode, string? location, TResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            Scope = Scope,
            Key = Key,
            RequestHash = RequestHash,
            StatusCode = statusCode,
            Location = location,
            ResponseBody = JsonSerializer.Serialize(response, JsonSerializerOptions.Web),
            CreatedAt = now,
        });
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
    /// <summary>The table of first answers, in the module's schema.</summary>
    public static ModelBuilder AddIdempotencyRecords(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_records");
            record.HasKey(r => new { r.Scope, r.Key });
            record.Ignore(r => r.Id);
            record.Property(r => r.Scope).HasMaxLength(64);
            record.Property(r => r.Key).HasMaxLength(100);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.Property(r => r.Location).HasMaxLength(300);
        });
        return modelBuilder;
    }

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
        }).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
