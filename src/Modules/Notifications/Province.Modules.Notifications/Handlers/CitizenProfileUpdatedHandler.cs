using Marten;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Identity.Contracts;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Handlers;

/// <summary>
/// Tells the citizen their profile changed, so a change they did not make does not go unnoticed.
/// Runs once per event, however often the outbox delivers it.
/// </summary>
internal sealed class CitizenProfileUpdatedHandler(INotificationsStore store, TimeProvider clock)
    : IdempotentEventConsumer<CitizenProfileUpdated, INotificationsStore>(store, clock)
{
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["fullName"] = "họ và tên",
        ["dateOfBirth"] = "ngày sinh",
        ["citizenIdNumber"] = "số CCCD",
        ["address"] = "địa chỉ",
        ["phoneNumber"] = "số điện thoại",
    };

    protected override Task ApplyAsync(CitizenProfileUpdated integrationEvent, IDocumentSession session, CancellationToken cancellationToken)
    {
        var fields = string.Join(", ", integrationEvent.ChangedFields.Select(f => FieldNames.GetValueOrDefault(f, f)));
        session.Insert(new CitizenNotification
        {
            CitizenId = integrationEvent.CitizenId,
            Title = "Thông tin cá nhân đã được cập nhật",
            Body = $"Bạn vừa cập nhật {fields}. Nếu không phải bạn thực hiện, vui lòng liên hệ bộ phận một cửa.",
            SourceEventId = integrationEvent.Id,
            CreatedAt = Clock.GetUtcNow().ToUniversalTime(),
        });
        return Task.CompletedTask;
    }
}
