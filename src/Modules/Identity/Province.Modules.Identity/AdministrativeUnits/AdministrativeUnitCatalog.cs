using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Province.BuildingBlocks.Text;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.AdministrativeUnits;

/// <summary>
/// The file a province loads its administrative map from (the demo's is DemoData/administrative-units.json; a
/// province posts its full list, same format, to the import endpoint). Loading is an upsert keyed by the unit's
/// folded name, so loading the same file twice changes nothing and a corrected file updates units in place.
/// </summary>
internal sealed record AdministrativeUnitFile(List<AdministrativeUnitEntry> Units);

/// <summary>One current unit. <c>kind</c>: "ward" (phường), "commune" (xã), "specialZone" (đặc khu) or "province".</summary>
internal sealed record AdministrativeUnitEntry(string? Code, string Name, string Kind, Guid? AgencyId, List<FormerUnitEntry>? FormerUnits);

/// <summary>A whole unit of the old map merged into the current one.</summary>
internal sealed record FormerUnitEntry(string Name, List<string>? Aliases, string? Code, string? FormerDistrict, string? FormerProvince);

internal static class AdministrativeUnitCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AdministrativeUnitFile Read(Stream stream) =>
        JsonSerializer.Deserialize<AdministrativeUnitFile>(stream, Json) ?? new AdministrativeUnitFile([]);

    public static AdministrativeUnitKind? KindOf(string? kind) => kind switch
    {
        "province" => AdministrativeUnitKind.Province,
        "ward" => AdministrativeUnitKind.Ward,
        "commune" => AdministrativeUnitKind.Commune,
        "specialZone" => AdministrativeUnitKind.SpecialZone,
        _ => null,
    };

    /// <summary>Stages every unit of <paramref name="file"/> on <paramref name="session"/> (insert or replace); returns how many.</summary>
    public static int Stage(IDocumentSession session, AdministrativeUnitFile file)
    {
        var units = file.Units.Select(ToUnit).ToList();
        session.Store<AdministrativeUnit>(units);
        return units.Count;
    }

    /// <summary>A stable id from the folded name: the same unit gets the same id in every database and every load.</summary>
    public static Guid IdOf(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("administrative-unit:" + VietnameseText.Fold(name)));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static AdministrativeUnit ToUnit(AdministrativeUnitEntry entry) => new()
    {
        Id = IdOf(entry.Name),
        Code = string.IsNullOrWhiteSpace(entry.Code) ? null : entry.Code.Trim(),
        Name = entry.Name.Trim(),
        Kind = KindOf(entry.Kind) ?? throw new InvalidDataException($"Unknown unit kind \"{entry.Kind}\" for {entry.Name}."),
        AgencyId = entry.AgencyId,
        FoldedName = AddressText.Normalize(entry.Name),
        FormerUnits = [.. (entry.FormerUnits ?? []).Select(f => new FormerUnit
        {
            Name = f.Name.Trim(),
            Aliases = f.Aliases ?? [],
            Code = f.Code,
            FormerDistrict = f.FormerDistrict,
            FormerProvince = f.FormerProvince,
        })],
    };
}
