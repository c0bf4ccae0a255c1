using System.Globalization;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.DemoData;

/// <summary>
/// The demo catalog: real procedures (procedures.json: national codes, names, legal times) executed by
/// Identity's demo agencies of Tây Ninh; optionally <c>Dossiers:GeneratedProcedures</c> more, generated,
/// for scale tests and benchmarks.
/// </summary>
internal sealed class DossiersDemoData(IDossiersStore store, IOptions<DossiersSettings> settings, TimeProvider clock) : IDemoDataSeeder
{
    /// <summary>
    /// Identity's demo agency ids (IdentityDemoData); the catalog file names them by role. Procedures of the former
    /// district level are the commune's since 1 July 2025 (for civil status, Decree 120/2025/NĐ-CP); the demo's
    /// commune is phường Tân Ninh.
    /// </summary>
    internal static readonly Dictionary<string, Guid> Agencies = new(StringComparer.Ordinal)
    {
        ["province"] = Guid.Parse("0195a1f0-0000-7000-8000-000000000001"),
        ["justice"] = Guid.Parse("0195a1f0-0000-7000-8000-000000000002"),
        ["agricultureEnvironment"] = Guid.Parse("0195a1f0-0000-7000-8000-000000000003"),
        ["construction"] = Guid.Parse("0195a1f0-0000-7000-8000-000000000004"),
        ["finance"] = Guid.Parse("0195a1f0-0000-7000-8000-000000000005"),
        ["commune"] = Guid.Parse("0195a1f0-0000-7000-8000-000000000007"),
        ["homeAffairs"] = Guid.Parse("0195a1f0-0000-7000-8000-000000000008"),
    };

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.Query<Procedure>().AnyAsync(cancellationToken))
        {
            return;
        }

        var real = LoadCatalog();
        session.Insert<Procedure>(real);
        session.Insert<Procedure>([.. ProcedureGenerator.Generate(real, settings.Value.GeneratedProcedures, clock.GetUtcNow().ToUniversalTime())]);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another host seeded the catalog at the same moment (the procedure code is unique): its copy stands.
        }
    }

    internal List<Procedure> LoadCatalog()
    {
        using var stream = typeof(DossiersDemoData).Assembly.GetManifestResourceStream("Province.Modules.Dossiers.DemoData.procedures.json")
            ?? throw new InvalidOperationException("procedures.json is not embedded.");
        var entries = JsonSerializer.Deserialize<List<CatalogEntry>>(stream, JsonSerializerOptions.Web) ?? [];
        var now = clock.GetUtcNow().ToUniversalTime();
        return [.. entries.Select(e => new Procedure
        {
            Code = e.Code,
            Name = e.Name,
            Field = e.Field,
            AgencyId = Agencies[e.Agency],
            NotBoundToBoundary = e.NotBoundToBoundary,
            ProcessingWorkingDays = e.ProcessingDays,
            OnlineLevel = e.OnlineLevel == "full" ? OnlineLevel.Full : OnlineLevel.Partial,
            Steps = e.Steps,
            Channels = e.Channels,
            Fees = [.. e.Fees.Select(f => new ProcedureFee { Name = f.Name, Amount = f.Amount, Note = f.Note })],
            RequiredDocuments = [.. e.RequiredDocuments.Select((d, i) => new RequiredDocument
            {
                Key = (i + 1).ToString(CultureInfo.InvariantCulture),
                Name = d.Name,
                Copies = d.Copies,
                Mandatory = d.Mandatory,
                FormTemplateName = d.FormTemplate?.Name,
                FormTemplateFile = d.FormTemplate?.FileName,
            })],
            Result = e.Result,
            LegalBasis = e.LegalBasis,
            Requirements = e.Requirements,
            Source = "demo",
            UpdatedAt = now,
        })];
    }

    private sealed record CatalogEntry(
        string Code,
        string Name,
        string Field,
        string Agency,
        bool NotBoundToBoundary,
        int ProcessingDays,
        string OnlineLevel,
        List<string> Steps,
        List<string> Channels,
        List<CatalogFee> Fees,
        List<CatalogDocument> RequiredDocuments,
        string Result,
        List<string> LegalBasis,
        string? Requirements);

    private sealed record CatalogFee(string Name, long Amount, string? Note);

    private sealed record CatalogDocument(string Name, int Copies, bool Mandatory, CatalogTemplate? FormTemplate);

    private sealed record CatalogTemplate(string Name, string FileName);
}
