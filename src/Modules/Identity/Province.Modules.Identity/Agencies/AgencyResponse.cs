using Province.BuildingBlocks.Text;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Agencies;

internal static class AgencyMapping
{
    public static AgencyInfo ToInfo(this Agency agency) =>
        new(agency.Id, agency.Code, agency.Name, EnumNames.Camel(agency.Level), agency.ParentId);
}
