using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Procedures;

/// <summary>A line of search results.</summary>
internal sealed record ProcedureSummaryResponse(string Code, string Name, string Field, Guid AgencyId, int ProcessingWorkingDays, string OnlineLevel, string OnlineLevelText)
{
    internal static string Level(Data.OnlineLevel level) => level == Data.OnlineLevel.Full ? "full" : "partial";

    internal static string LevelText(Data.OnlineLevel level) => level == Data.OnlineLevel.Full ? "Dịch vụ công trực tuyến toàn trình" : "Dịch vụ công trực tuyến một phần";
}

/// <summary>
/// Everything a citizen reads before submitting. <see cref="NotBoundToBoundary"/>: the dossier may be handed in at any
/// one-stop office of the province (Decree 118/2025/NĐ-CP), not only the competent agency's.
/// </summary>
internal sealed record ProcedureDetailResponse(
    string Code,
    string Name,
    string Field,
    Guid AgencyId,
    int ProcessingWorkingDays,
    string OnlineLevel,
    string OnlineLevelText,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Channels,
    IReadOnlyList<ProcedureFeeResponse> Fees,
    IReadOnlyList<RequiredDocumentResponse> RequiredDocuments,
    string Result,
    IReadOnlyList<string> LegalBasis,
    string? Requirements,
    bool NotBoundToBoundary)
{
    public static ProcedureDetailResponse From(Procedure p) => new(
        p.Code, p.Name, p.Field, p.AgencyId, p.ProcessingWorkingDays,
        ProcedureSummaryResponse.Level(p.OnlineLevel), ProcedureSummaryResponse.LevelText(p.OnlineLevel),
        p.Steps, p.Channels,
        [.. p.Fees.Select(f => new ProcedureFeeResponse(f.Name, f.Amount, f.Note))],
        [.. p.RequiredDocuments.Select(d => new RequiredDocumentResponse(
            d.Key, d.Name, d.Copies, d.Mandatory,
            d.FormTemplateFile is null ? null : new FormTemplateResponse(d.FormTemplateName ?? d.Name, d.FormTemplateFile)))],
        p.Result, p.LegalBasis, p.Requirements, p.NotBoundToBoundary);
}

internal sealed record ProcedureFeeResponse(string Name, long Amount, string? Note);

internal sealed record RequiredDocumentResponse(string Key, string Name, int Copies, bool Mandatory, FormTemplateResponse? FormTemplate);

internal sealed record FormTemplateResponse(string Name, string FileName);
