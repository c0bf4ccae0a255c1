using System.Globalization;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.DemoData;

/// <summary>
/// Generates a large catalog for scale tests and benchmarks: variants of the real procedures for
/// each commune of a province, with distinct codes in a range the national database
/// does not use (9.xxxxxx) so they can never be mistaken for real ones.
/// </summary>
internal static class ProcedureGenerator
{
    /// <summary>Communes of the merged Tây Ninh (since 1 July 2025: no district level).</summary>
    private static readonly string[] Places =
    [
        "Phường Tân Ninh", "Phường Bình Minh", "Phường Long An", "Phường Tân An", "Phường Khánh Hậu",
    ];

    public static IEnumerable<Procedure> Generate(IReadOnlyList<Procedure> templates, int count, DateTimeOffset now)
    {
        if (templates.Count == 0)
        {
            yield break;
        }

        for (var i = 0; i < count; i++)
        {
            var template = templates[i % templates.Count];
            var place = Places[i / templates.Count % Places.Length];
            var round = i / (templates.Count * Places.Length);
            yield return new Procedure
            {
                Code = $"9.{(i + 1).ToString("D6", CultureInfo.InvariantCulture)}",
                Name = round == 0 ? $"{template.Name} ({place})" : $"{template.Name} ({place}, đợt {round + 1})",
                Field = template.Field,
                AgencyId = template.AgencyId,
                NotBoundToBoundary = template.NotBoundToBoundary,
                ProcessingWorkingDays = template.ProcessingWorkingDays,
                OnlineLevel = template.OnlineLevel,
                Steps = [.. template.Steps],
                Channels = [.. template.Channels],
                Fees = [.. template.Fees.Select(f => new ProcedureFee { Name = f.Name, Amount = f.Amount, Note = f.Note })],
                RequiredDocuments = [.. template.RequiredDocuments.Select(d => new RequiredDocument
                {
                    Key = d.Key, Name = d.Name, Copies = d.Copies, Mandatory = d.Mandatory, FormTemplateName = d.FormTemplateName, FormTemplateFile = d.FormTemplateFile,
                })],
                Result = template.Result,
                LegalBasis = [.. template.LegalBasis],
                Requirements = template.Requirements,
                Source = "generated",
                UpdatedAt = now,
            };
        }
    }
}
