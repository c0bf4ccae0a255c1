using System.Net;
using Marten;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Time;
using Province.Modules.Identity.Contracts;
using Province.Modules.Notifications.Data;
using Refit;

namespace Province.Modules.Notifications.ZaloMessages.Sending;

/// <summary>
/// Sends the Zalo messages that are due, urgent ones first: checks the citizen's choices, quiet hours, the verified
/// phone and the day's quota, claims the message (Marten's version check: one instance sends it), calls ZNS and
/// records the outcome. A transient failure is tried again with backoff; a refusal is given up with its reason; a
/// request whose answer never came (timeout, the host killed mid-call) becomes <see cref="ZaloMessageStatus.Uncertain"/>
/// and is not repeated, because ZNS cannot be asked whether it delivered a tracking id and a duplicate message to a
/// citizen is worse than one they still find in the inbox.
/// </summary>
internal sealed partial class ZaloMessageSender(
    IServiceScopeFactory scopes,
    INotificationsStore store,
    OfficialAccountTokens tokens,
    IOptions<ZaloMessagesOptions> options,
    TimeProvider clock,
    ILogger<ZaloMessageSender> logger) : PeriodicBackgroundService(clock, logger)
{
    public const string QuotaTable = "zalo_daily_quota";
    private const int BatchSize = 50;

    protected override TimeSpan Interval => options.Value.SendInterval;

    public override async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            var cutOffBefore = now - settings.InterruptedSendTimeout;
            var interrupted = await session.Query<ZaloMessage>()
                .Where(m => m.Status == ZaloMessageStatus.Sending && m.SendingStartedAt < cutOffBefore)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var message in interrupted)
            {
                Finish(message, ZaloMessageStatus.Uncertain, "Việc gửi bị gián đoạn khi đang chờ Zalo trả lời; không gửi lại để tránh trùng tin", now);
                session.Update(message);
            }

            await SaveIgnoringRacesAsync(session, cancellationToken);
        }

        List<ZaloMessage> due;
        await using (var query = store.QuerySession())
        {
            due = [.. await query.Query<ZaloMessage>()
                .Where(m => (m.Status == ZaloMessageStatus.Pending || m.Status == ZaloMessageStatus.Deferred) && m.NextAttemptAt <= now)
                .OrderByDescending(m => m.Urgent)
                .ThenBy(m => m.NextAttemptAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken)];
        }

        if (due.Count == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = new SendContext(
            scope.ServiceProvider.GetRequiredService<IMediator>(),
            scope.ServiceProvider.GetRequiredService<IZaloNotificationApi>(),
            scope.ServiceProvider.GetRequiredService<IZaloOAuthApi>());
        var sent = 0;
        foreach (var message in due)
        {
            if (await SendAsync(message, context, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private sealed record SendContext(IMediator Mediator, IZaloNotificationApi Zns, IZaloOAuthApi OAuth);

    /// <summary>One message through every check to Zalo and back; true when Zalo accepted it.</summary>
    private async Task<bool> SendAsync(ZaloMessage due, SendContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Clock.GetUtcNow();
        await using var session = store.LightweightSession();
        // Loaded again by this session, which then knows its version: every save below is checked against it, so of two
        // instances that found the same message due, one claims it and the other's save fails.
        var message = await session.LoadAsync<ZaloMessage>(due.Id, cancellationToken);
        if (message is null || message.Status is not (ZaloMessageStatus.Pending or ZaloMessageStatus.Deferred))
        {
            return false;
        }

        var preferences = await session.LoadAsync<ZaloMessagePreferences>(message.CitizenId, cancellationToken);
        var template = settings.TemplateOf(message.Kind);
        var profile = await context.Mediator.Send(new GetCitizenProfile(message.CitizenId), cancellationToken);
        var phone = InternationalPhone(profile is { PhoneNumberVerified: true } ? profile.PhoneNumber : null);
        string? skipped = preferences is null || !preferences.Kinds.Contains(message.Kind) ? "Công dân chưa chọn nhận tin này qua Zalo"
            : template is null ? "Chưa cấu hình mẫu tin ZNS cho loại tin này"
            : phone is null ? "Công dân chưa có số điện thoại đã xác thực"
            : null;
        if (skipped is not null)
        {
            Finish(message, ZaloMessageStatus.Skipped, skipped, now);
            return await SaveAsync(session, message, cancellationToken) && false;
        }

        if (!message.Urgent && preferences!.QuietHours && QuietHoursEnd(now) is { } morning)
        {
            Defer(message, morning, "Giờ nghỉ của công dân: gửi vào buổi sáng");
            return await SaveAsync(session, message, cancellationToken) && false;
        }

        var limit = message.Urgent ? settings.DailyQuota : (int)Math.Floor(settings.DailyQuota * (1 - settings.UrgentReserve));
        if (await DailyCounter.TryTakeWithinAsync(store, QuotaTable, "zns", now.ToVietnamDate(), limit, cancellationToken) is null)
        {
            Defer(message, NextMorning(now), "Hết hạn mức tin ZNS trong ngày" + (message.Urgent || settings.UrgentReserve <= 0 ? "" : " (phần còn lại dành cho tin khẩn)"));
            return await SaveAsync(session, message, cancellationToken) && false;
        }

        // Claim: from here on the request may reach Zalo, and the row says so before it leaves.
        message.Status = ZaloMessageStatus.Sending;
        message.SendingStartedAt = now;
        message.Attempts++;
        if (!await SaveAsync(session, message, cancellationToken))
        {
            return false;
        }

        var outcome = await CallZaloAsync(message, phone!, template!, context, cancellationToken);
        now = Clock.GetUtcNow();
        switch (outcome.Kind)
        {
            case ZnsErrors.Outcome.Sent:
                message.ZaloMessageId = outcome.ZaloMessageId;
                Finish(message, ZaloMessageStatus.Sent, null, now);
                break;
            case ZnsErrors.Outcome.Permanent:
                Finish(message, ZaloMessageStatus.Failed, outcome.Reason, now);
                break;
            case ZnsErrors.Outcome.QuotaExhausted:
                Defer(message, NextMorning(now), "Zalo báo đã hết hạn mức tin trong ngày");
                break;
            case ZnsErrors.Outcome.Transient when message.Attempts >= settings.MaxAttempts:
                Finish(message, ZaloMessageStatus.Failed, $"Zalo không nhận tin sau {message.Attempts} lần thử: {outcome.Reason}", now);
                break;
            case ZnsErrors.Outcome.Transient or ZnsErrors.Outcome.RefreshToken:
                Defer(message, now + Backoff(message.Attempts), outcome.Reason);
                break;
            default:
                Finish(message, ZaloMessageStatus.Uncertain, outcome.Reason, now);
                break;
        }

        // Not the request's token: the outcome is recorded even while the host stops.
        return await SaveAsync(session, message, CancellationToken.None) && outcome.Kind == ZnsErrors.Outcome.Sent;
    }

    private sealed record CallOutcome(ZnsErrors.Outcome? Kind, string? Reason, string? ZaloMessageId = null);

    private async Task<CallOutcome> CallZaloAsync(ZaloMessage message, string phone, ZaloTemplateSettings template, SendContext context, CancellationToken cancellationToken)
    {
        var data = template.Parameters.Take(10).ToDictionary(p => p.Key, p => message.Values.GetValueOrDefault(p.Value, ""), StringComparer.Ordinal);
        var body = new ZnsTemplateMessage(phone, template.TemplateId, data, message.TrackingId);
        string accessToken;
        try
        {
            accessToken = await tokens.GetAsync(context.OAuth, refused: null, cancellationToken);
        }
        catch (Exception exception) when (exception is ZaloOfficialAccountException or HttpRequestException or ApiException or BrokenCircuitException or TimeoutRejectedException)
        {
            // Nothing went to ZNS yet: safe to try again later.
            LogTokenFailed(logger, exception);
            return new CallOutcome(ZnsErrors.Outcome.Transient, "Chưa lấy được mã truy cập của OA");
        }

        try
        {
            var answer = await context.Zns.SendTemplateAsync(accessToken, body, cancellationToken);
            var kind = ZnsErrors.Classify(answer.Error);
            if (kind == ZnsErrors.Outcome.RefreshToken)
            {
                // Zalo refused the token (revoked, or expired early): the next attempt gets a fresh one.
                await tokens.GetAsync(context.OAuth, refused: accessToken, cancellationToken);
            }

            return new CallOutcome(kind, kind == ZnsErrors.Outcome.Sent ? null : ZnsErrors.Reason(answer.Error, answer.Message), answer.Data?.MessageId);
        }
        catch (ApiException exception) when ((int)exception.StatusCode >= 500 || exception.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new CallOutcome(ZnsErrors.Outcome.Transient, $"Zalo tạm thời không phục vụ (HTTP {(int)exception.StatusCode})");
        }
        catch (ApiException exception)
        {
            return new CallOutcome(ZnsErrors.Outcome.Permanent, $"Zalo từ chối yêu cầu (HTTP {(int)exception.StatusCode})");
        }
        catch (Exception exception) when (exception is BrokenCircuitException || (exception is HttpRequestException { StatusCode: null } http && IsConnectionRefused(http)))
        {
            // The request never left (circuit open, nothing listening): not delivered, safe to repeat.
            return new CallOutcome(ZnsErrors.Outcome.Transient, "Không kết nối được tới Zalo");
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The request left and no answer came: Zalo may have delivered it.
            return new CallOutcome(null, "Zalo không trả lời kịp; không gửi lại để tránh trùng tin");
        }
    }

    private static bool IsConnectionRefused(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    /// <summary>False when another instance changed the message meanwhile (it is that instance's now).</summary>
    private static async Task<bool> SaveAsync(IDocumentSession session, ZaloMessage message, CancellationToken cancellationToken)
    {
        session.Update(message);
        return await SaveIgnoringRacesAsync(session, cancellationToken);
    }

    private static async Task<bool> SaveIgnoringRacesAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (DatabaseErrors.IsConcurrencyConflict(exception))
        {
            return false;
        }
    }

    private static void Finish(ZaloMessage message, ZaloMessageStatus status, string? reason, DateTimeOffset now)
    {
        message.Status = status;
        message.Reason = reason;
        message.FinishedAt = now;
    }

    private static void Defer(ZaloMessage message, DateTimeOffset until, string? reason)
    {
        message.Status = ZaloMessageStatus.Deferred;
        message.NextAttemptAt = until;
        message.Reason = reason;
    }

    /// <summary>30 s, 1, 2, 4 ... minutes, at most an hour.</summary>
    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>When quiet hours end, if <paramref name="now"/> is inside them; null otherwise.</summary>
    private DateTimeOffset? QuietHoursEnd(DateTimeOffset now)
    {
        var (start, end) = (options.Value.QuietHoursStart, options.Value.QuietHoursEnd);
        var local = TimeOnly.FromTimeSpan(now.ToVietnamTime().TimeOfDay);
        var inside = start <= end ? local >= start && local < end : local >= start || local < end;
        if (!inside)
        {
            return null;
        }

        var day = local >= end ? now.ToVietnamDate().AddDays(1) : now.ToVietnamDate();
        return VietnamTime.StartOf(day).Add(end.ToTimeSpan());
    }

    private DateTimeOffset NextMorning(DateTimeOffset now) =>
        VietnamTime.StartOf(now.ToVietnamDate().AddDays(1)).Add(options.Value.QuietHoursEnd.ToTimeSpan());

    /// <summary>ZNS wants 84 and the number without its leading 0, digits only.</summary>
    internal static string? InternationalPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits switch
        {
            { Length: 10 } when digits.StartsWith('0') => "84" + digits[1..],
            { Length: 11 } when digits.StartsWith("84", StringComparison.Ordinal) => digits,
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not get the Zalo OA access token; Zalo messages wait")]
    private static partial void LogTokenFailed(ILogger logger, Exception exception);
}
