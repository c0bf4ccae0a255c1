using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Tracking.LookupDossier;

/// <summary>
/// A dossier as the public lookup shows it: its code and lookup secret, what the screen at the counter shows and the
/// timeline of statuses, nothing personal (no applicant, no officers, no notes). Kept beside the dossier by
/// <see cref="DossierProjection"/> in the same transaction as every step, as <see cref="Processing.OfficerQueue.DossierQueueLine"/>
/// is: the busiest anonymous read reads this small row instead of the whole dossier with its applicant, documents and
/// apology letters (1.4 KB and more), whose reading and building cost PostgreSQL and the host most of the lookup
/// (docs/decisions.md ADR 24). Same id as its dossier.
/// </summary>
internal sealed class DossierLookup
{
    public Guid Id { get; set; }

    public required string Code { get; init; }

    /// <summary>The dossier's <see cref="Dossier.LookupSecret"/>: null for dossiers submitted before it existed (never found here).</summary>
    public string? LookupSecret { get; init; }

    public required string ProcedureName { get; init; }

    public required string AgencyName { get; init; }

    public DossierStatus Status { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateOnly DueDate { get; init; }

    /// <summary>The public timeline (<see cref="Dossier.Steps"/>).</summary>
    public List<StatusStep> Steps { get; init; } = [];

    public static DossierLookup Of(Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new DossierLookup
        {
            Id = dossier.Id,
            Code = dossier.Code,
            LookupSecret = dossier.LookupSecret,
            ProcedureName = dossier.ProcedureName,
            AgencyName = dossier.AgencyName,
            Status = dossier.Status,
            SubmittedAt = dossier.SubmittedAt,
            DueDate = dossier.DueDate,
            Steps = [.. dossier.Steps],
        };
    }
}
