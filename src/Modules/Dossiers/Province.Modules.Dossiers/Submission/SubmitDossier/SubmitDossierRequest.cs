namespace Province.Modules.Dossiers.Submission.SubmitDossier;

/// <summary>
/// A dossier for a procedure: who applies, the uploaded files for each required document (by the
/// document's key in the procedure), and how the result comes back.
/// </summary>
internal sealed record SubmitDossierRequest(
    string ProcedureCode,
    ApplicantRequest Applicant,
    string? Summary,
    IReadOnlyList<SubmittedDocument> Documents,
    DeliveryRequest Delivery);

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
