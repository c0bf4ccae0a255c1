using System.Security.Claims;
using Province.BuildingBlocks.Security;

namespace Province.Host.Tests;

/// <summary>The one agency rule of the staff lists and statistics (<see cref="ClaimsPrincipalExtensions.TryScopeToAgency"/>).</summary>
public sealed class AgencyScopeTests
{
    private static readonly Guid Own = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();

    [Fact]
    public void An_administrator_reads_every_agency_or_the_one_named()
    {
        var administrator = Staff(ProvinceRoles.Administrator, agency: Own);

        Assert.True(administrator.TryScopeToAgency(null, out var all));
        Assert.Null(all);
        Assert.True(administrator.TryScopeToAgency(Other, out var named));
        Assert.Equal(Other, named);
    }

    [Fact]
    public void An_officer_reads_their_own_agency_whether_named_or_not()
    {
        var officer = Staff(ProvinceRoles.Officer, agency: Own);

        Assert.True(officer.TryScopeToAgency(null, out var unnamed));
        Assert.Equal(Own, unnamed);
        Assert.True(officer.TryScopeToAgency(Own, out var named));
        Assert.Equal(Own, named);
    }

    [Fact]
    public void An_officer_naming_another_agency_or_without_one_is_refused()
    {
        Assert.False(Staff(ProvinceRoles.Officer, agency: Own).TryScopeToAgency(Other, out var other));
        Assert.Null(other);
        Assert.False(Staff(ProvinceRoles.Officer, agency: null).TryScopeToAgency(null, out var none));
        Assert.Null(none);
    }

    private static ClaimsPrincipal Staff(string role, Guid? agency)
    {
        List<Claim> claims = [new(ProvinceClaims.StaffId, Guid.NewGuid().ToString()), new(ClaimTypes.Role, role)];
        if (agency is { } id)
        {
            claims.Add(new(ProvinceClaims.AgencyId, id.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
