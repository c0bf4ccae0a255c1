using Marten;
using Marten.Schema;
using Province.Modules.Identity.Citizens.Statistics;
using Province.Modules.Identity.Staff.SignIn;

namespace Province.Modules.Identity.Data;

/// <summary>The Identity module's own Marten store (schema <c>identity</c>): citizens, staff members, agencies and administrative units.</summary>
public interface IIdentityStore : IDocumentStore
{
    public const string SchemaName = "identity";

    /// <summary>Documents and indexes of the module; called once when the store is built.</summary>
    internal static void Configure(StoreOptions options)
    {
        options.Schema.For<Citizen>()
            // Every citizen request maps the Zalo user to the record; one record per Zalo user, also when their
            // first two requests race (the loser's insert fails and it reads the winner's record).
            .UniqueIndex(UniqueIndexType.DuplicatedField, "citizen_zalo_id", c => c.ZaloId);
        CitizenActivity.Declare(options);

        options.Schema.For<StaffMember>()
            // Sign-in looks staff up by user name, which is unique: two administrators creating the same name
            // at once, the second insert fails (409).
            .UniqueIndex(UniqueIndexType.DuplicatedField, "staff_member_user_name", s => s.UserName)
            // The officers list of an agency.
            .Duplicate(s => s.AgencyId);

        options.Schema.For<StaffSession>()
            // Deactivating an account or changing a password ends all of its sessions.
            .Duplicate(s => s.StaffId);
        options.AddSignInAttempts();

        options.Schema.For<Agency>()
            // Other systems name agencies by code (FindAgencyByCode); the public directory is ordered by it.
            .UniqueIndex(UniqueIndexType.DuplicatedField, "agency_code", a => a.Code);

        // A hundred or so per province, read whole by the picker and the address resolver.
        options.Schema.For<AdministrativeUnit>().Identity(u => u.Id);
    }
}
