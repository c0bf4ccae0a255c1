using System.Globalization;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Submission;

/// <summary>
/// Dossier codes <c>&lt;agency code&gt;-YYMMDD-XXXX</c> (Thông tư 01/2018/TT-VPCP, Article 19): XXXX is
/// the agency's running number of the day, taken from <see cref="DailyCounter"/> (unique across host
/// instances; a submission that fails after taking its number leaves a gap, see docs/decisions.md 7).
/// </summary>
internal static class DossierCodes
{
    public static async Task<string> NextAsync(IDossiersStore store, string agencyCode, DateOnly day, CancellationToken cancellationToken)
    {
        var number = await DailyCounter.TakeAsync(store, IDossiersStore.CodeCounter, agencyCode, day, cancellationToken);
        // Four digits as the circular prescribes; a day beyond 9,999 dossiers widens rather than repeats.
        return $"{agencyCode}-{day:yyMMdd}-{number.ToString("D4", CultureInfo.InvariantCulture)}";
    }
}
