namespace Province.Modules.Dossiers.Data;

/// <summary>Toàn trình (the whole procedure online) or một phần (some steps need the office).</summary>
internal enum OnlineLevel
{
    Full,
    Partial,
}

/// <summary>
/// An administrative procedure (thủ tục hành chính) as the national procedure database publishes it.
/// The catalog is read by everyone and written only by imports and demo data.
/// </summary>
internal sealed class Procedure
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>National code, e.g. "1.001193".</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    /// <summary>Lĩnh vực, e.g. "Hộ tịch".</summary>
    public required string Field { get; set; }

    /// <summary>The executing agency (Identity's directory).</summary>
    public Guid AgencyId { get; set; }

    /// <summary>
    /// Thủ tục không phụ thuộc địa giới hành chính (Decree 118/2025/NĐ-CP): the dossier may be handed in at any one-stop
    /// office of the province (online, by post or at the counter), which passes it on to <see cref="AgencyId"/>.
    /// </summary>
    public bool NotBoundToBoundary { get; set; }

    /// <summary>Legal processing time in working days.</summary>
    public int ProcessingWorkingDays { get; set; }

    public OnlineLevel OnlineLevel { get; set; }

    public List<string> Steps { get; set; } = [];

    public List<string> Channels { get; set; } = [];

    public List<ProcedureFee> Fees { get; set; } = [];

    public List<RequiredDocument> RequiredDocuments { get; set; } = [];

    public string Result { get; set; } = "";

    public List<string> LegalBasis { get; set; } = [];

    public string? Requirements { get; set; }

    /// <summary>Where the entry came from: "demo", "national-portal", "generated".</summary>
    public string Source { get; set; } = "demo";

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ProcedureFee
{
    public required string Name { get; set; }

    /// <summary>Vietnamese đồng.</summary>
    public long Amount { get; set; }

    public string? Note { get; set; }
}

/// <summary>A document the procedure asks for (thành phần hồ sơ).</summary>
internal sealed class RequiredDocument
{
    /// <summary>Stable within the procedure ("1", "2", ...): what a submission names to attach files.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    public int Copies { get; set; } = 1;

    public bool Mandatory { get; set; } = true;

    public string? FormTemplateName { get; set; }

    /// <summary>File name of the downloadable form (mẫu đơn, tờ khai), when the procedure has one.</summary>
    public string? FormTemplateFile { get; set; }
}
