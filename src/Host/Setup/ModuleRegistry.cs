using Province.BuildingBlocks.Modules;
using Province.Modules.Appointments;
using Province.Modules.Dossiers;
using Province.Modules.FieldReports;
using Province.Modules.Identity;
using Province.Modules.Notifications;

namespace Province.Host.Setup;

/// <summary>
/// The one list of modules. A module is on unless <c>Modules:{Name}:Enabled</c> is false; a province
/// that takes fewer modules deletes lines here and the matching project references.
/// </summary>
internal static class ModuleRegistry
{
    public static IReadOnlyList<IModuleRegistration> All { get; } =
    [
        new IdentityModule(),
        new NotificationsModule(),
        new DossiersModule(),
        new AppointmentsModule(),
        new FieldReportsModule(),
    ];
}
