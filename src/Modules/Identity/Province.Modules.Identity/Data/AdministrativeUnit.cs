namespace Province.Modules.Identity.Data;

/// <summary>
/// The kinds of unit local government has had since 1 July 2025 (two tiers): the province, and at the commune
/// level the xã, the phường and the đặc khu. There is no district level any more.
/// </summary>
internal enum AdministrativeUnitKind
{
    Province,
    Ward,
    Commune,
    SpecialZone,
}

/// <summary>
/// A unit of the province's administrative map as it is now, with the units of the old map that became part
/// of it, so an address written the old way ("Phường 1, thành phố Tây Ninh") resolves to the unit it is now.
/// </summary>
internal sealed class AdministrativeUnit
{
    public Guid Id { get; init; }

    /// <summary>Official unit code (mã đơn vị hành chính); null where the loaded list does not give it.</summary>
    public string? Code { get; set; }

    /// <summary>Full name with its kind, as written on papers: "Phường Tân Ninh", "Xã Thạnh Đức".</summary>
    public required string Name { get; set; }

    public AdministrativeUnitKind Kind { get; set; }

    /// <summary>The commune's People's Committee in the agency directory, when the province has entered it.</summary>
    public Guid? AgencyId { get; set; }

    /// <summary>The name folded (no diacritics, lower case): what pickers and the resolver match.</summary>
    public string FoldedName { get; set; } = "";

    /// <summary>Whole units of the old map merged into this one.</summary>
    public List<FormerUnit> FormerUnits { get; set; } = [];
}

/// <summary>A unit of the old (three-tier) map that was merged, whole, into a current unit.</summary>
internal sealed class FormerUnit
{
    /// <summary>As it was written: "Phường 1", "Xã Bình Minh".</summary>
    public required string Name { get; set; }

    /// <summary>Other spellings seen on papers ("Phường IV" for "Phường 4").</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>The old unit code, where known.</summary>
    public string? Code { get; set; }

    /// <summary>The former district-level unit it belonged to ("Thành phố Tây Ninh"), which no longer exists.</summary>
    public string? FormerDistrict { get; set; }

    /// <summary>The former province ("Tây Ninh", "Long An").</summary>
    public string? FormerProvince { get; set; }
}
