using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Outbox;
using Province.BuildingBlocks.Persistence;

namespace Province.Modules.Appointments.Data;

internal sealed class AppointmentsDbContext(DbContextOptions<AppointmentsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "appointments";

    public override string Schema => SchemaName;

    public DbSet<Office> Offices => Set<Office>();

    public DbSet<ServiceGroup> ServiceGroups => Set<ServiceGroup>();

    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<BlockedDay> BlockedDays => Set<BlockedDay>();

    public DbSet<Slot> Slots => Set<Slot>();

    public DbSet<Booking> Bookings => Set<Booking>();

    public DbSet<QueueTicket> Tickets => Set<QueueTicket>();

    public DbSet<TicketSequence> TicketSequences => Set<TicketSequence>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddIdempotencyRecords();

        modelBuilder.Entity<Office>(office =>
        {
            office.ToTable("offices");
            office.HasKey(o => o.Id);
            office.HasIndex(o => o.AgencyId);
            office.Property(o => o.Name).HasMaxLength(200);
            office.Property(o => o.Address).HasMaxLength(300);
            office.OwnsMany(o => o.OpeningHours, hours => hours.ToJson("OpeningHours"));
            office.HasMany(o => o.ServiceGroups).WithOne().HasForeignKey(g => g.OfficeId).OnDelete(DeleteBehavior.Cascade);
            office.HasMany(o => o.Counters).WithOne().HasForeignKey(c => c.OfficeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ServiceGroup>(group =>
        {
            group.ToTable("service_groups");
            group.HasKey(g => g.Id);
            group.HasIndex(g => new { g.OfficeId, g.Code }).IsUnique();
            group.Property(g => g.Code).HasMaxLength(10);
            group.Property(g => g.Name).HasMaxLength(200);
            group.Property(g => g.Field).HasMaxLength(200);
        });

        modelBuilder.Entity<Counter>(counter =>
        {
            counter.ToTable("counters");
            counter.HasKey(c => c.Id);
            counter.HasIndex(c => new { c.OfficeId, c.Number }).IsUnique();
            counter.Property(c => c.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<BlockedDay>(blocked =>
        {
            blocked.ToTable("blocked_days");
            blocked.HasKey(b => new { b.OfficeId, b.Day });
            blocked.Property(b => b.Reason).HasMaxLength(300);
        });

        modelBuilder.Entity<Slot>(slot =>
        {
            slot.ToTable("slots", table => table.HasCheckConstraint("CK_slots_capacity", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\""));
            slot.HasKey(s => s.Id);
            slot.HasIndex(s => new { s.OfficeId, s.ServiceGroupId, s.Day, s.Start }).IsUnique();
        });

        modelBuilder.Entity<Booking>(booking =>
        {
            booking.ToTable("bookings");
            booking.HasKey(b => b.Id);
            booking.HasIndex(b => b.Code).IsUnique();
            booking.HasIndex(b => new { b.CitizenId, b.Day });
            booking.HasIndex(b => new { b.OfficeId, b.Day, b.Status });
            // One active booking per citizen, service group and day, even under concurrent requests.
            booking.HasIndex(b => new { b.CitizenId, b.ServiceGroupId, b.Day }).IsUnique().HasFilter("\"Active\"")
                .HasDatabaseName("IX_bookings_one_active_per_day");
            booking.Property(b => b.Code).HasMaxLength(12);
            booking.Property(b => b.FullName).HasMaxLength(100);
            booking.Property(b => b.PhoneNumber).HasMaxLength(10);
            booking.Property(b => b.ProcedureCode).HasMaxLength(30);
            booking.Property(b => b.Status).HasConversion<string>().HasMaxLength(12);
            booking.Property(b => b.RejectionReason).HasMaxLength(500);
            booking.Property(b => b.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<QueueTicket>(ticket =>
        {
            ticket.ToTable("queue_tickets");
            ticket.HasKey(t => t.Id);
            ticket.HasIndex(t => new { t.OfficeId, t.ServiceGroupId, t.Day, t.Number }).IsUnique();
            ticket.HasIndex(t => new { t.OfficeId, t.Day, t.Status });
            ticket.Property(t => t.Display).HasMaxLength(20);
            ticket.Property(t => t.Channel).HasConversion<string>().HasMaxLength(10);
            ticket.Property(t => t.Priority).HasConversion<string>().HasMaxLength(12);
            ticket.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
            ticket.Property(t => t.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<TicketSequence>(sequence =>
        {
            sequence.ToTable("ticket_sequences");
            sequence.HasKey(s => new { s.Scope, s.Day });
            sequence.Property(s => s.Scope).HasMaxLength(80);
        });
    }
}

internal sealed class AppointmentsDesignTimeFactory() : PostgreSqlDesignTimeFactory<AppointmentsDbContext>(AppointmentsDbContext.SchemaName)
{
    protected override AppointmentsDbContext Create(DbContextOptions<AppointmentsDbContext> options) => new(options);
}
