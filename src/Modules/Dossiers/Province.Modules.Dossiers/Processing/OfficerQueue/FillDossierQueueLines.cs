using Microsoft.Extensions.Logging;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

/// <summary>Recorded once every dossier stored before queue lines existed has its line (<see cref="FillDossierQueueLines"/>).</summary>
internal sealed class DossierQueueLinesFilled : DossierViewsFilled
{
    public const string TheOne = "dossier-queue-lines";

    public override string Id { get; set; } = TheOne;
}

/// <summary>Gives every dossier stored before <see cref="DossierQueueLine"/> existed its line, once per database.</summary>
internal sealed class FillDossierQueueLines(IDossiersStore store, TimeProvider clock, ILogger<FillDossierQueueLines> logger)
    : FillDossierViews<DossierQueueLine, DossierQueueLinesFilled>(store, clock, logger)
{
    protected override DossierQueueLine Of(Dossier dossier) => DossierQueueLine.Of(dossier);
}
