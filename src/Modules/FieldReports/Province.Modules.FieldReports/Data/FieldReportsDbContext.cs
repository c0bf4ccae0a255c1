using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Outbox;
using Province.BuildingBlocks.Persistence;

namespace Province.Modules.FieldReports.Data;

internal sealed class FieldReportsDbContext(DbContextOptions<FieldReportsDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "field_reports";

    public override string Schema => SchemaName;

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportPhoto> Photos => Set<ReportPhoto>();

    public DbSet<ReportHistoryEntry> History => Set<ReportHistoryEntry>();

    public DbSet<Question> Questions => Set<Question>();

    public DbSet<Open311Client> Open311Clients => Set<Open311Client>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddIdempotencyRecords();

        modelBuilder.Entity<Category>(category =>
        {
            category.ToTable("categories");
            category.HasKey(c => c.Id);
            category.HasIndex(c => c.Code).IsUnique();
            category.Property(c => c.Code).HasMaxLength(50);
            category.Property(c => c.Name).HasMaxLength(200);
            category.Property(c => c.Description).HasMaxLength(1000);
            category.OwnsMany(c => c.AnswerTemplates, template => template.ToJson("AnswerTemplates"));
        });

        modelBuilder.Entity<RoutingRule>(rule =>
        {
            rule.ToTable("routing_rules");
            rule.HasKey(r => r.Id);
            rule.HasIndex(r => r.Order);
            rule.Property(r => r.Area).HasMaxLength(200);
        });

        modelBuilder.Entity<Report>(report =>
        {
            report.ToTable("reports");
            report.HasKey(r => r.Id);
            report.HasIndex(r => r.Code).IsUnique();
            report.HasIndex(r => new { r.AgencyId, r.Status, r.DueAt });
            report.HasIndex(r => new { r.Status, r.AnsweredAt });
            // The public feed: answered reports, newest answer first, one page read from the index.
            report.HasIndex(r => r.AnsweredAt).IsDescending().HasFilter("\"Status\" IN ('Resolved', 'Closed') AND \"Answer\" IS NOT NULL")
                .HasDatabaseName("IX_reports_public_feed");
            report.HasIndex(r => new { r.CategoryId, r.Status });
            report.HasIndex(r => new { r.CitizenId, r.CreatedAt });
            report.Property(r => r.Code).HasMaxLength(12);
            report.Property(r => r.Title).HasMaxLength(200);
            report.Property(r => r.Description).HasMaxLength(4000);
            report.Property(r => r.Address).HasMaxLength(300);
            report.Property(r => r.Area).HasMaxLength(200);
            report.Property(r => r.ReporterName).HasMaxLength(100);
            report.Property(r => r.ReporterPhone).HasMaxLength(20);
            report.Property(r => r.ReporterEmail).HasMaxLength(200);
            report.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
            report.Property(r => r.OfficerName).HasMaxLength(100);
            report.Property(r => r.InformationRequest).HasMaxLength(2000);
            report.Property(r => r.Answer).HasMaxLength(4000);
            report.Property(r => r.Source).HasMaxLength(10);
            report.Property(r => r.Version).IsConcurrencyToken();
            report.HasMany(r => r.Photos).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
            report.HasMany(r => r.History).WithOne().HasForeignKey(h => h.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ReportPhoto>(photo =>
        {
            photo.ToTable("report_photos");
            photo.HasKey(p => p.Id);
            photo.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
            photo.Property(p => p.ContentType).HasMaxLength(50);
            photo.Property(p => p.Sha256).HasMaxLength(64);
            photo.Property(p => p.StorageKey).HasMaxLength(200);
        });

        modelBuilder.Entity<ReportHistoryEntry>(history =>
        {
            history.ToTable("report_history");
            history.HasKey(h => h.Id);
            history.Property(h => h.Id).ValueGeneratedOnAdd();
            history.HasIndex(h => new { h.ReportId, h.Id });
            history.Property(h => h.Actor).HasMaxLength(100);
            history.Property(h => h.FromStatus).HasConversion<string>().HasMaxLength(24);
            history.Property(h => h.ToStatus).HasConversion<string>().HasMaxLength(24);
            history.Property(h => h.Description).HasMaxLength(500);
            history.Property(h => h.Note).HasMaxLength(4000);
        });

        modelBuilder.Entity<Question>(question =>
        {
            question.ToTable("questions");
            question.HasKey(q => q.Id);
            question.HasIndex(q => new { q.AgencyId, q.AnsweredAt });
            question.HasIndex(q => new { q.Public, q.AnsweredAt });
            question.Property(q => q.Title).HasMaxLength(200);
            question.Property(q => q.Text).HasMaxLength(4000);
            question.Property(q => q.Answer).HasMaxLength(4000);
            question.Property(q => q.AnsweredBy).HasMaxLength(100);
            question.Property(q => q.SearchText).HasMaxLength(10000);
        });

        modelBuilder.Entity<Open311Client>(client =>
        {
            client.ToTable("open311_clients");
            client.HasKey(c => c.Id);
            client.HasIndex(c => c.KeyHash).IsUnique();
            client.Property(c => c.Name).HasMaxLength(200);
            client.Property(c => c.KeyHash).HasMaxLength(64);
        });
    }
}

internal sealed class FieldReportsDesignTimeFactory() : PostgreSqlDesignTimeFactory<FieldReportsDbContext>(FieldReportsDbContext.SchemaName)
{
    protected override FieldReportsDbContext Create(DbContextOptions<FieldReportsDbContext> options) => new(options);
}
