using MediatR;

namespace Province.Modules.Notifications.Contracts;

/// <summary>
/// Puts a message in a citizen's in-app inbox. <paramref name="SourceEventId"/> is the integration
/// event that caused it: the same source never notifies twice. <paramref name="ItemKind"/> and
/// <paramref name="ItemId"/> name what the message is about, so the mini app opens it: one of
/// <see cref="NotificationItemKinds"/>, or null for a message about nothing in particular.
/// </summary>
public sealed record NotifyCitizen(Guid CitizenId, string Title, string Body, Guid SourceEventId, string? ItemKind = null, Guid? ItemId = null) : IRequest<Unit>;

/// <summary>The kinds of item a notification links to (<c>itemKind</c> in the inbox).</summary>
public static class NotificationItemKinds
{
    public const string Dossier = "dossier";
    public const string FieldReport = "fieldReport";
    public const string Booking = "booking";
    public const string Ticket = "ticket";
}
