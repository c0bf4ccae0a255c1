using Microsoft.Extensions.Logging;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Tracking.LookupDossier;

/// <summary>Recorded once every dossier stored before lookup views existed has its view (<see cref="FillDossierLookups"/>).</summary>
internal sealed class DossierLookupsFilled : DossierViewsFilled
{
    public const string TheOne = "dossier-lookups";

    public override string Id { get; set; } = TheOne;
}

/// <summary>
/// Gives every dossier stored before <see cref="DossierLookup"/> existed its view, once per database: without it the public
/// lookup would not find such a dossier.
/// </summary>
internal sealed class FillDossierLookups(IDossiersStore store, TimeProvider clock, ILogger<FillDossierLookups> logger)
    : FillDossierViews<DossierLookup, DossierLookupsFilled>(store, clock, logger)
{
    protected override DossierLookup Of(Dossier dossier) => DossierLookup.Of(dossier);
}
