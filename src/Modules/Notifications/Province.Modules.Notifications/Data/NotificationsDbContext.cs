using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Outbox;
using Province.BuildingBlocks.Persistence;

namespace Province.Modules.Notifications.Data;

internal sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "notifications";

    public override string Schema => SchemaName;

    public DbSet<CitizenNotification> CitizenNotifications => Set<CitizenNotification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CitizenNotification>(notification =>
        {
            notification.ToTable("citizen_notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Title).HasMaxLength(200);
            notification.Property(n => n.Body).HasMaxLength(2000);
            notification.HasIndex(n => new { n.CitizenId, n.Id });
            // One notification per source event, whatever the delivery count.
            notification.HasIndex(n => new { n.CitizenId, n.SourceEventId }).IsUnique();
        });
    }
}

/// <summary>A message in a citizen's in-app inbox.</summary>
internal sealed class CitizenNotification
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CitizenId { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public Guid SourceEventId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NotificationsDesignTimeFactory() : PostgreSqlDesignTimeFactory<NotificationsDbContext>(NotificationsDbContext.SchemaName)
{
    protected override NotificationsDbContext Create(DbContextOptions<NotificationsDbContext> options) => new(options);
}
