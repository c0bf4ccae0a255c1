using Province.BuildingBlocks.Text;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.AdministrativeUnits;

/// <summary>
/// Finds the current unit an address names. The current name wins ("phường Tân Ninh"); otherwise an old unit
/// merged whole into a current one ("Phường 1"), checked against the old district when the address names one
/// ("Phường 1, thành phố Tây Ninh" is not Phường 1 of the former Tân An). An old name that several current units
/// inherited (the former Tây Ninh and Long An both had a Phường 1) with no district to tell them apart gives the
/// candidates, not a guess.
/// </summary>
internal static class AddressResolver
{
    public static AdministrativeUnitMatch Resolve(string? address, IReadOnlyList<AdministrativeUnit> units)
    {
        var text = AddressText.Normalize(address);
        if (text.Length == 0)
        {
            return new AdministrativeUnitMatch(null, null, []);
        }

        var communes = units.Where(u => u.Kind != AdministrativeUnitKind.Province).ToList();
        var current = communes.Where(u => AddressText.Contains(text, u.FoldedName)).ToList();
        if (current.Count > 0)
        {
            // The longest current name that occurs: "xã Tân Bình" rather than a shorter name inside it.
            var best = current.OrderByDescending(u => u.FoldedName.Length).ToList();
            return best.Count(u => u.FoldedName.Length == best[0].FoldedName.Length) == 1
                ? new AdministrativeUnitMatch(ToInfo(best[0]), null, [])
                : new AdministrativeUnitMatch(null, null, [.. best.Select(ToInfo)]);
        }

        var namesDistrict = AddressText.NamesADistrict(text);
        var former = new List<(AdministrativeUnit Unit, FormerUnit Former, int Strength)>();
        foreach (var unit in communes)
        {
            foreach (var old in unit.FormerUnits)
            {
                if (!new[] { old.Name }.Concat(old.Aliases).Any(n => AddressText.Contains(text, AddressText.Normalize(n))))
                {
                    continue;
                }

                var district = AddressText.Normalize(old.FormerDistrict);
                if (district.Length > 0 && AddressText.Contains(text, district))
                {
                    former.Add((unit, old, 2));
                }
                else if (!namesDistrict)
                {
                    former.Add((unit, old, 1));
                }
            }
        }

        if (former.Count == 0)
        {
            return new AdministrativeUnitMatch(null, null, []);
        }

        var strongest = former.Max(f => f.Strength);
        var matches = former.Where(f => f.Strength == strongest).ToList();
        var distinct = matches.Select(f => f.Unit).DistinctBy(u => u.Id).ToList();
        return distinct.Count == 1
            ? new AdministrativeUnitMatch(ToInfo(distinct[0]), DescribeFormer(matches[0].Former), [])
            : new AdministrativeUnitMatch(null, null, [.. distinct.Select(ToInfo)]);
    }

    public static AdministrativeUnitInfo ToInfo(AdministrativeUnit unit) =>
        new(unit.Id, unit.Code, unit.Name, EnumNames.Camel(unit.Kind), unit.AgencyId);

    /// <summary>"Phường 1, Thành phố Tây Ninh, tỉnh Tây Ninh (cũ)": the old unit as it was written.</summary>
    public static string DescribeFormer(FormerUnit former)
    {
        var parts = new List<string> { former.Name };
        if (!string.IsNullOrWhiteSpace(former.FormerDistrict))
        {
            parts.Add(former.FormerDistrict);
        }

        if (!string.IsNullOrWhiteSpace(former.FormerProvince))
        {
            parts.Add($"tỉnh {former.FormerProvince} (cũ)");
        }

        return string.Join(", ", parts);
    }
}
