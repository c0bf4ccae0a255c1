using Marten;
using Marten.Services.BatchQuerying;
using Microsoft.AspNetCore.Http;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Persistence;

namespace Province.BuildingBlocks.Idempotency;

/// <summary>The idempotency rules on a module's Marten store: the first answer is a document saved in the same SaveChanges as what was created.</summary>
public static class MartenIdempotency
{
    /// <summary>The record's document id: the scope is a citizen id (no '/'), so the pair is unambiguous.</summary>
    public static string RecordId(this IdempotentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scope}/{request.Key}";
    }

    /// <summary>
    /// The stored first answer for this key: <c>null</c> when the key is new, the replayed answer
    /// when it is the same request, a 422 problem when the key was used for another body.
    /// </summary>
    public static async Task<IResult?> FindEarlierAnswerAsync(this IdempotentRequest request, IQuerySession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        return request.AnswerFrom(await session.LoadAsync<IdempotencyRecord>(request.RecordId(), cancellationToken));
    }

    /// <summary>
    /// Reads the stored first answer in the caller's batch query, beside the request's other reads (one round trip
    /// for all of them); turn it into the answer with <see cref="AnswerFrom"/> once the batch has run.
    /// </summary>
    public static Task<IdempotencyRecord?> FindEarlierRecord(this IdempotentRequest request, IBatchedQuery batch)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Load<IdempotencyRecord>(request.RecordId());
    }

    /// <summary>
    /// The answer a stored record gives this request: <c>null</c> when there is none (the key is new), the replayed
    /// answer when it is the same request, a 422 problem when the key was used for another body.
    /// </summary>
    public static IResult? AnswerFrom(this IdempotentRequest request, IdempotencyRecord? earlier)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (earlier is null)
        {
            return null;
        }

        return earlier.RequestHash == request.RequestHash
            ? new IdempotentReplay(earlier)
            : Problems.BusinessRule("idempotency.key_reused",
                "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác. Mỗi lần tạo mới cần một khóa mới.");
    }

    /// <summary>
    /// Runs <paramref name="create"/>, which stages its changes (and <see cref="Remember"/>) on
    /// <paramref name="session"/>, and saves them in one transaction unless it answered a problem. When the
    /// save fails because the same key raced in from another request, answers with that request's stored
    /// answer; otherwise <paramref name="explainConflict"/> may name the conflict (a unique rule of the
    /// module) before the failure is rethrown.
    /// </summary>
    public static async Task<IResult> CreateOnceAsync(this IdempotentRequest request, IDocumentSession session, Func<Task<IResult>> create,
        Func<Task<IResult?>>? explainConflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            var result = await create();
            if (result is not Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)
            {
                await session.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && (DatabaseErrors.IsUniqueViolation(exception) || DatabaseErrors.IsConcurrencyConflict(exception)))
        {
            if (await request.RaceWinnersAnswerAsync(session.DocumentStore, cancellationToken) is { } raced)
            {
                return raced;
            }

            if (explainConflict is not null && await explainConflict() is { } explained)
            {
                return explained;
            }

            throw;
        }
    }

    /// <summary>
    /// After a save failed on a unique rule: the stored answer of the request with this key that raced in and saved
    /// first, or <c>null</c> when none did (the conflict is another). The failed session's unit of work failed as a
    /// whole, so the answer is read on a session of its own.
    /// </summary>
    public static async Task<IResult?> RaceWinnersAnswerAsync(this IdempotentRequest request, IDocumentStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var query = store.QuerySession();
        return await request.FindEarlierAnswerAsync(query, cancellationToken);
    }

    /// <summary>Stages the answer's record on <paramref name="session"/> as an insert: a second record with the same key fails the whole save.</summary>
    public static void Remember<TResponse>(this IdempotentRequest request, IDocumentSession session, int statusCode, string? location, TResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        session.Insert(new IdempotencyRecord
        {
            Id = request.RecordId(),
            Scope = request.Scope,
            Key = request.Key,
            RequestHash = request.RequestHash,
            StatusCode = statusCode,
            Location = location,
            ResponseBody = System.Text.Json.JsonSerializer.Serialize(response, System.Text.Json.JsonSerializerOptions.Web),
            CreatedAt = now.ToUniversalTime(),
        });
    }
}
