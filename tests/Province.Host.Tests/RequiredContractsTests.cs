using Province.Testing;

namespace Province.Host.Tests;

/// <summary>
/// A module that needs another module's contract answered (Dossiers, Appointments and FieldReports ask
/// Identity for agencies, citizens and staff) refuses to start without it, naming the contract, instead of
/// answering 500 at request time.
/// </summary>
public sealed class RequiredContractsTests
{
    private sealed class WithoutIdentityApp : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Modules:Identity:Enabled"] = "false" };
    }

    [Fact]
    public async Task With_Identity_switched_off_the_host_does_not_start_and_names_the_contracts_its_users_need()
    {
        var app = new WithoutIdentityApp();
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(app.InitializeAsync);

            var message = failure.ToString();
            Assert.Contains("Dossiers needs Province.Modules.Identity.Contracts.GetCitizenProfile answered", message, StringComparison.Ordinal);
            Assert.Contains("Appointments needs Province.Modules.Identity.Contracts.GetAgency answered", message, StringComparison.Ordinal);
            Assert.Contains("FieldReports needs Province.Modules.Identity.Contracts.GetStaffMember answered", message, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)app).DisposeAsync();
        }
    }
}
