using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

/// <summary>
/// A dossier as the staff queue lists it: the dozen fields of a queue row and the columns its filters use, kept beside
/// the dossier by <see cref="DossierProjection"/> in the same transaction as every step. A page of the queue reads twenty
/// of these (about 400 bytes each) instead of twenty whole dossiers with their applicant, timeline and apology letters
/// (1.4 KB and more each): reading and building those whole documents was a third of the queue's garbage collection
/// (docs/decisions.md ADR 24). Same id as its dossier.
/// </summary>
internal sealed class DossierQueueLine
{
    public Guid Id { get; set; }

    public required string Code { get; init; }

    public required string ProcedureCode { get; init; }

    public required string ProcedureName { get; init; }

    public required string Field { get; init; }

    public Guid AgencyId { get; init; }

    public required string AgencyName { get; init; }

    public required string ApplicantName { get; init; }

    public string? ApplicantPhoneNumber { get; init; }

    public DossierStatus Status { get; init; }

    /// <summary>What the queue's <c>q</c> matches (<see cref="Dossier.SearchText"/>).</summary>
    public string? SearchText { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public DateOnly DueDate { get; init; }

    public Guid? AssignedOfficerId { get; init; }

    public string? AssignedOfficerName { get; init; }

    /// <summary>The dossier's <see cref="Dossier.Revision"/>: what an officer acting from the queue sends back.</summary>
    public int Revision { get; init; }

    public static DossierQueueLine Of(Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return new DossierQueueLine
        {
            Id = dossier.Id,
            Code = dossier.Code,
            ProcedureCode = dossier.ProcedureCode,
            ProcedureName = dossier.ProcedureName,
            Field = dossier.Field,
            AgencyId = dossier.AgencyId,
            AgencyName = dossier.AgencyName,
            ApplicantName = dossier.Applicant.FullName,
            ApplicantPhoneNumber = dossier.Applicant.PhoneNumber,
            Status = dossier.Status,
            SearchText = dossier.SearchText,
            SubmittedAt = dossier.SubmittedAt,
            DueDate = dossier.DueDate,
            AssignedOfficerId = dossier.AssignedOfficerId,
            AssignedOfficerName = dossier.AssignedOfficerName,
            Revision = dossier.Revision,
        };
    }
}
