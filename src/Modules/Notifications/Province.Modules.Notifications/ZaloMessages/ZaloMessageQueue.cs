using Marten;
using Microsoft.Extensions.Options;

namespace Province.Modules.Notifications.ZaloMessages;

/// <summary>What an event offers its Zalo template: the kind and the values its parameters may name.</summary>
internal sealed record ZaloMessageDraft(ZaloMessageKind Kind, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// Adds the Zalo message of an inbox entry to the same session, so both are saved in one transaction: an event that
/// reached the inbox has its Zalo message, once (a unique index on source event and kind). Nothing is queued while
/// the province has not turned ZNS on or has no approved template for the kind.
/// </summary>
internal sealed class ZaloMessageQueue(IOptions<ZaloMessagesOptions> options, TimeProvider clock)
{
    public void Add(IDocumentSession session, Guid citizenId, Guid notificationId, Guid sourceEventId, ZaloMessageDraft draft)
    {
        ArgumentNullException.ThrowIfNull(session);
        var settings = options.Value;
        if (!settings.Enabled || settings.TemplateOf(draft.Kind) is not { } template)
        {
            return;
        }

        var now = clock.GetUtcNow();
        session.Insert(new ZaloMessage
        {
            CitizenId = citizenId,
            NotificationId = notificationId,
            SourceEventId = sourceEventId,
            Kind = draft.Kind,
            Urgent = template.Urgent ?? draft.Kind.UrgentByDefault(),
            Values = new Dictionary<string, string>(draft.Values, StringComparer.Ordinal),
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
