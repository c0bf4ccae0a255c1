using MediatR;

namespace Province.Modules.Notifications.Contracts;

/// <summary>
/// Puts a message in a citizen's in-app inbox. <paramref name="SourceEventId"/> is the integration
/// event that caused it: the same source never notifies twice.
/// </summary>
public sealed record NotifyCitizen(Guid CitizenId, string Title, string Body, Guid SourceEventId) : IRequest<Unit>;
