using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Outbox;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Identity.Data;

internal sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "identity";

    public override string Schema => SchemaName;

    public DbSet<Citizen> Citizens => Set<Citizen>();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    /// <summary>
    /// Bumps the citizen's version and time and queues <see cref="CitizenProfileUpdated"/>, to be saved
    /// with the change by the caller's SaveChanges.
    /// </summary>
    public void RecordProfileChange(Citizen citizen, IReadOnlyList<string> changedFields, DateTimeOffset now)
    {
        citizen.UpdatedAt = now;
        citizen.Version++;
        AddIntegrationEvent(new CitizenProfileUpdated(Guid.CreateVersion7(), now, citizen.Id, changedFields));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Citizen>(citizen =>
        {
            citizen.ToTable("citizens");
            citizen.HasKey(c => c.Id);
            citizen.HasIndex(c => c.ZaloId).IsUnique();
            citizen.Property(c => c.ZaloId).HasMaxLength(64);
            citizen.Property(c => c.ZaloName).HasMaxLength(200);
            citizen.Property(c => c.FullName).HasMaxLength(100);
            citizen.Property(c => c.CitizenIdNumber).HasMaxLength(12);
            citizen.Property(c => c.Address).HasMaxLength(300);
            citizen.Property(c => c.PhoneNumber).HasMaxLength(10);
            citizen.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<Agency>(agency =>
        {
            agency.ToTable("agencies");
            agency.HasKey(a => a.Id);
            agency.HasIndex(a => a.Code).IsUnique();
            agency.Property(a => a.Code).HasMaxLength(40);
            agency.Property(a => a.Name).HasMaxLength(200);
            agency.Property(a => a.Level).HasConversion<string>().HasMaxLength(20);
            agency.HasOne<Agency>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<StaffMember>(staff =>
        {
            staff.ToTable("staff_members");
            staff.HasKey(s => s.Id);
            staff.HasIndex(s => s.UserName).IsUnique();
            staff.Property(s => s.UserName).HasMaxLength(64);
            staff.Property(s => s.FullName).HasMaxLength(100);
            staff.Property(s => s.PasswordHash).HasMaxLength(200);
            staff.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
            staff.HasOne<Agency>().WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
            staff.HasIndex(s => new { s.AgencyId, s.FullName });
        });
    }
}

internal sealed class IdentityDesignTimeFactory() : PostgreSqlDesignTimeFactory<IdentityDbContext>(IdentityDbContext.SchemaName)
{
    protected override IdentityDbContext Create(DbContextOptions<IdentityDbContext> options) => new(options);
}
