using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Messaging;

namespace Province.BuildingBlocks.Outbox;

/// <summary>
/// Base of every module's DbContext: puts the module's tables in its own schema and gives it an
/// outbox (events it sends) and an inbox (events it has handled) inside that schema.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    public abstract string Schema { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ProcessedMessage> ProcessedMessages => Set<ProcessedMessage>();

    /// <summary>
    /// Queues <paramref name="integrationEvent"/> in the outbox; it is stored by the next
    /// SaveChanges, in the same transaction as the change it describes.
    /// </summary>
    public void AddIntegrationEvent(IIntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        OutboxMessages.Add(new OutboxMessage
        {
            MessageId = integrationEvent.Id,
            Type = OutboxSerializer.TypeName(type),
            Payload = JsonSerializer.Serialize(integrationEvent, type, OutboxSerializer.Options),
            OccurredAt = integrationEvent.OccurredAt.ToUniversalTime(),
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            // SQLite has no timestamp type and cannot compare or ORDER BY DateTimeOffset text; stored as
            // a sortable integer there. PostgreSQL keeps timestamptz.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.Property(m => m.Type).HasMaxLength(300);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            // The dispatcher only ever looks for what is still pending.
            outbox.HasIndex(m => m.Sequence).HasFilter("\"ProcessedAt\" IS NULL").HasDatabaseName("IX_outbox_messages_pending");
        });
        modelBuilder.Entity<ProcessedMessage>(inbox =>
        {
            inbox.ToTable("processed_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(300);
        });
    }
}
