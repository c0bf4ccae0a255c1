using Microsoft.EntityFrameworkCore;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Outbox;
using Province.BuildingBlocks.Persistence;

namespace Province.Modules.Dossiers.Data;

internal sealed class DossiersDbContext(DbContextOptions<DossiersDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "dossiers";

    public override string Schema => SchemaName;

    public DbSet<Procedure> Procedures => Set<Procedure>();

    public DbSet<Dossier> Dossiers => Set<Dossier>();

    public DbSet<DossierHistoryEntry> History => Set<DossierHistoryEntry>();

    public DbSet<DossierFile> Files => Set<DossierFile>();

    public DbSet<ApologyLetter> Apologies => Set<ApologyLetter>();

    public DbSet<DossierCodeSequence> CodeSequences => Set<DossierCodeSequence>();

    public DbSet<PortalSyncMessage> PortalSyncMessages => Set<PortalSyncMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddIdempotencyRecords();

        modelBuilder.Entity<Procedure>(procedure =>
        {
            procedure.ToTable("procedures");
            procedure.HasKey(p => p.Id);
            procedure.HasIndex(p => p.Code).IsUnique();
            procedure.HasIndex(p => p.Field);
            procedure.Property(p => p.Code).HasMaxLength(30);
            procedure.Property(p => p.Name).HasMaxLength(500);
            procedure.Property(p => p.Field).HasMaxLength(200);
            procedure.Property(p => p.Result).HasMaxLength(1000);
            procedure.Property(p => p.Requirements).HasMaxLength(4000);
            procedure.Property(p => p.Source).HasMaxLength(30);
            procedure.Property(p => p.OnlineLevel).HasConversion<string>().HasMaxLength(10);
            procedure.OwnsMany(p => p.Fees, fee => fee.ToJson("Fees"));
            procedure.OwnsMany(p => p.RequiredDocuments, document => document.ToJson("RequiredDocuments"));
        });

        modelBuilder.Entity<Dossier>(dossier =>
        {
            dossier.ToTable("dossiers");
            dossier.HasKey(d => d.Id);
            dossier.HasIndex(d => d.Code).IsUnique();
            // "My dossiers", newest first.
            dossier.HasIndex(d => new { d.CitizenId, d.SubmittedAt });
            // The officer queue: an agency's dossiers in a status, by due date.
            dossier.HasIndex(d => new { d.AgencyId, d.Status, d.DueDate });
            // The officers' queue: an agency's open dossiers in due-date order, read straight from this
            // index (a LIMIT stops after one page) however many closed dossiers ten years leave behind; the status is
            // carried in the index so the timeliness filters and the total are counted without visiting the table.
            dossier.HasIndex(d => new { d.AgencyId, d.DueDate, d.SubmittedAt }).IncludeProperties(d => d.Status)
                .HasFilter("\"Status\" IN (1, 2, 4, 5, 6)").HasDatabaseName("IX_dossiers_open_by_due_date");
            dossier.Property(d => d.Code).HasMaxLength(40);
            dossier.Property(d => d.ProcedureCode).HasMaxLength(30);
            dossier.Property(d => d.ProcedureName).HasMaxLength(500);
            dossier.Property(d => d.Field).HasMaxLength(200);
            dossier.Property(d => d.AgencyCode).HasMaxLength(40);
            dossier.Property(d => d.AgencyName).HasMaxLength(200);
            dossier.Property(d => d.Summary).HasMaxLength(1000);
            dossier.Property(d => d.DeliveryAddress).HasMaxLength(300);
            dossier.Property(d => d.Delivery).HasConversion<string>().HasMaxLength(20);
            dossier.Property(d => d.Status).HasConversion<int>();
            dossier.Property(d => d.AssignedOfficerName).HasMaxLength(100);
            dossier.Property(d => d.FeeDescription).HasMaxLength(500);
            dossier.Property(d => d.SupplementRequest).HasMaxLength(2000);
            dossier.Property(d => d.ResultNote).HasMaxLength(2000);
            dossier.Property(d => d.Version).IsConcurrencyToken();
            dossier.ComplexProperty(d => d.Applicant, applicant =>
            {
                applicant.Property(a => a.FullName).HasColumnName("ApplicantFullName").HasMaxLength(100);
                applicant.Property(a => a.DateOfBirth).HasColumnName("ApplicantDateOfBirth");
                applicant.Property(a => a.CitizenIdNumber).HasColumnName("ApplicantCitizenIdNumber").HasMaxLength(12);
                applicant.Property(a => a.PhoneNumber).HasColumnName("ApplicantPhoneNumber").HasMaxLength(10);
                applicant.Property(a => a.Email).HasColumnName("ApplicantEmail").HasMaxLength(200);
                applicant.Property(a => a.Address).HasColumnName("ApplicantAddress").HasMaxLength(300);
            });
            dossier.HasMany(d => d.History).WithOne().HasForeignKey(h => h.DossierId).OnDelete(DeleteBehavior.Cascade);
            dossier.HasMany(d => d.Files).WithOne().HasForeignKey(f => f.DossierId).OnDelete(DeleteBehavior.Cascade);
            dossier.HasMany(d => d.Apologies).WithOne().HasForeignKey(a => a.DossierId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<DossierHistoryEntry>(history =>
        {
            history.ToTable("dossier_history");
            history.HasKey(h => h.Id);
            history.Property(h => h.Id).ValueGeneratedOnAdd();
            history.HasIndex(h => new { h.DossierId, h.Id });
            history.Property(h => h.Actor).HasConversion<string>().HasMaxLength(10);
            history.Property(h => h.ActorName).HasMaxLength(100);
            history.Property(h => h.FromStatus).HasConversion<int?>();
            history.Property(h => h.ToStatus).HasConversion<int>();
            history.Property(h => h.Description).HasMaxLength(500);
            history.Property(h => h.Note).HasMaxLength(2000);
        });

        modelBuilder.Entity<DossierFile>(file =>
        {
            file.ToTable("dossier_files");
            file.HasKey(f => f.Id);
            // A citizen's uploads not yet attached, found again by content when a retry uploads the same bytes.
            file.HasIndex(f => new { f.CitizenId, f.Sha256 });
            file.Property(f => f.Purpose).HasConversion<string>().HasMaxLength(20);
            file.Property(f => f.RequiredDocumentKey).HasMaxLength(20);
            file.Property(f => f.FileName).HasMaxLength(255);
            file.Property(f => f.ContentType).HasMaxLength(100);
            file.Property(f => f.Sha256).HasMaxLength(64);
            file.Property(f => f.StorageKey).HasMaxLength(200);
        });

        modelBuilder.Entity<ApologyLetter>(apology =>
        {
            apology.ToTable("apology_letters");
            apology.HasKey(a => a.Id);
            apology.Property(a => a.Reason).HasMaxLength(1000);
            apology.Property(a => a.Letter).HasMaxLength(4000);
            apology.Property(a => a.IssuedByName).HasMaxLength(100);
        });

        modelBuilder.Entity<DossierCodeSequence>(sequence =>
        {
            sequence.ToTable("dossier_code_sequences");
            sequence.HasKey(s => new { s.AgencyCode, s.Day });
            sequence.Property(s => s.AgencyCode).HasMaxLength(40);
        });

        modelBuilder.Entity<PortalSyncMessage>(message =>
        {
            message.ToTable("portal_sync_messages");
            message.HasKey(m => m.Sequence);
            message.Property(m => m.Sequence).ValueGeneratedOnAdd();
            message.Property(m => m.Service).HasMaxLength(40);
            message.Property(m => m.LastError).HasMaxLength(2000);
            message.HasIndex(m => m.Sequence).HasFilter("\"SentAt\" IS NULL").HasDatabaseName("IX_portal_sync_messages_pending");
        });
    }
}

internal sealed class DossiersDesignTimeFactory() : PostgreSqlDesignTimeFactory<DossiersDbContext>(DossiersDbContext.SchemaName)
{
    protected override DossiersDbContext Create(DbContextOptions<DossiersDbContext> options) => new(options);
}
