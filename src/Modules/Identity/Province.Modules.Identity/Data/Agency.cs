namespace Province.Modules.Identity.Data;

internal enum AgencyLevel
{
    /// <summary>UBND tỉnh.</summary>
    Province,

    /// <summary>Sở, ban, ngành.</summary>
    Department,

    /// <summary>UBND huyện, thị xã, thành phố thuộc tỉnh.</summary>
    District,

    /// <summary>UBND xã, phường, thị trấn.</summary>
    Commune,
}

/// <summary>An agency (cơ quan, đơn vị) of the province: the directory other modules route work to.</summary>
internal sealed class Agency
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency's code, also the prefix of its dossier codes (Thông tư 01/2018).</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public AgencyLevel Level { get; init; }

    public Guid? ParentId { get; init; }
}
