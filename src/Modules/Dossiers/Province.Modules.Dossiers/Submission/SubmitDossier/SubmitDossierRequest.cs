namespace Province.Modules.Dossiers.Submission.SubmitDossier;

/// <summary>
/// A dossier for a procedure: who applies, the uploaded files for each required document (by the
/// document's key in the procedure), and how the result comes back. <see cref="ReceivingAgencyId"/>: the one-stop office
/// it is handed in at (a commune's People's Committee or the public administrative service centre), when not the
/// competent agency's: allowed for procedures not bound to the administrative boundary (Decree 118/2025/NĐ-CP), which
/// the office passes on to the competent agency.
/// </summary>
internal sealed record SubmitDossierRequest(
    string ProcedureCode,
    ApplicantRequest Applicant,
    string? Summary,
    IReadOnlyList<SubmittedDocument> Documents,
    DeliveryRequest Delivery,
    Guid? ReceivingAgencyId = null) : IDossierApplication;

/// <summary>What every dossier is filed with, online or at the counter (one validator checks it).</summary>
internal interface IDossierApplication
{
    string ProcedureCode { get; }

    ApplicantRequest Applicant { get; }

    string? Summary { get; }

    IReadOnlyList<SubmittedDocument> Documents { get; }

    DeliveryRequest Delivery { get; }
}

internal sealed record ApplicantRequest(
    string FullName,
    DateOnly? DateOfBirth,
    string? CitizenIdNumber,
    string? PhoneNumber,
    string? Email,
    string? Address);

internal sealed record SubmittedDocument(string DocumentKey, IReadOnlyList<Guid> FileIds);

/// <summary><c>atOffice</c> or <c>publicPostal</c> (then <see cref="Address"/> is where the post goes).</summary>
internal sealed record DeliveryRequest(string Method, string? Address);
