namespace Province.Modules.Identity.Data;

/// <summary>
/// Where an agency sits in the two-tier local government in force since 1 July 2025 (Law on Organization of
/// Local Government 2025): the province, its departments and centre, and the communes. No district level.
/// </summary>
internal enum AgencyLevel
{
    /// <summary>UBND tỉnh.</summary>
    Province,

    /// <summary>Sở and other specialised bodies of the province (Decree 45/2025/NĐ-CP).</summary>
    Department,

    /// <summary>Trung tâm Phục vụ hành chính công tỉnh: the province's one-stop office and its points of service (Decree 118/2025/NĐ-CP).</summary>
    ServiceCentre,

    /// <summary>UBND xã, phường, đặc khu (each with its own one-stop office).</summary>
    Commune,
}

/// <summary>An agency (cơ quan, đơn vị) of the province: the directory other modules route work to.</summary>
internal sealed class Agency
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency's code, also the prefix of its dossier codes.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public AgencyLevel Level { get; set; }

    public Guid? ParentId { get; set; }
}
