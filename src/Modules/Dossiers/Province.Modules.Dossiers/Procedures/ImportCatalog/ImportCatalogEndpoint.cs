using System.Globalization;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.NationalPortal;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers.Procedures.ImportCatalog;

internal static class ImportCatalogEndpoint
{
    public static void MapImportCatalog(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/catalog/imports", async Task<Ok<CatalogImportResponse>> (IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ImportCatalogCommand(), cancellationToken)))
            .WithName("ImportProcedureCatalog")
            .WithSummary("Đồng bộ danh mục thủ tục từ Cổng DVCQG (LayDanhSachTTHC, LayThuTuc); chạy lại không tạo trùng.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(ProvincePolicies.Administrator);
}

internal sealed record ImportCatalogCommand : IRequest<CatalogImportResponse>;

internal sealed record CatalogImportResponse(int Listed, int Created, int Updated, int Unchanged, IReadOnlyList<SkippedProcedure> Skipped);

internal sealed record SkippedProcedure(string Code, string Reason);

/// <summary>
/// Upserts each portal procedure by its national code: a second run changes nothing. A procedure
/// whose executing agency is not in our directory is skipped and reported, never guessed.
/// </summary>
internal sealed class ImportCatalogHandler(IDossiersStore store, INationalPortalClient portal, IMediator mediator, ProcedureSearchIndex index, TimeProvider clock)
    : IRequestHandler<ImportCatalogCommand, CatalogImportResponse>
{
    public async Task<CatalogImportResponse> Handle(ImportCatalogCommand request, CancellationToken cancellationToken)
    {
        var listed = await portal.ListProceduresAsync(cancellationToken);
        await using var session = store.LightweightSession();
        int created = 0, updated = 0, unchanged = 0;
        var skipped = new List<SkippedProcedure>();
        foreach (var summary in listed)
        {
            var full = await portal.GetProcedureAsync(summary.MaTTHC, cancellationToken);
            if (full is null)
            {
                skipped.Add(new SkippedProcedure(summary.MaTTHC, "Cổng DVCQG không trả chi tiết thủ tục."));
                continue;
            }

            var agencyCode = full.COQUANTHUCHIEN?.FirstOrDefault()?.MACOQUAN;
            var agency = agencyCode is null ? null : await mediator.Send(new FindAgencyByCode(agencyCode), cancellationToken);
            if (agency is null)
            {
                skipped.Add(new SkippedProcedure(summary.MaTTHC, $"Cơ quan thực hiện '{agencyCode}' chưa có trong danh bạ cơ quan."));
                continue;
            }

            var incoming = Map(full, agency.Id);
            var existing = await session.Query<Procedure>().FirstOrDefaultAsync(p => p.Code == incoming.Code, cancellationToken);
            // The portal does not say whether a procedure is bound to the administrative boundary: the province's own
            // published list does (Decree 118/2025/NĐ-CP), so an import keeps what the province set.
            incoming.NotBoundToBoundary = existing?.NotBoundToBoundary ?? false;
            if (existing is null)
            {
                incoming.UpdatedAt = clock.GetUtcNow().ToUniversalTime();
                session.Insert(incoming);
                created++;
            }
            else if (Fingerprint(existing) == Fingerprint(incoming))
            {
                unchanged++;
            }
            else
            {
                Copy(incoming, existing);
                existing.UpdatedAt = clock.GetUtcNow().ToUniversalTime();
                session.Update(existing);
                updated++;
            }
        }

        await session.SaveChangesAsync(cancellationToken);
        index.Invalidate();
        return new CatalogImportResponse(listed.Count, created, updated, unchanged, skipped);
    }

    private static Procedure Map(PortalProcedure p, Guid agencyId)
    {
        var online = p.CACHTHUCTHUCHIEN?.FirstOrDefault(c => c.KENH.Contains("Trực tuyến", StringComparison.OrdinalIgnoreCase))
            ?? p.CACHTHUCTHUCHIEN?.FirstOrDefault();
        var documentNumber = 0;
        return new Procedure
        {
            Code = p.MATTHC,
            Name = p.TENTTHC,
            Field = p.LINHVUCTHUCHIEN ?? "Khác",
            AgencyId = agencyId,
            ProcessingWorkingDays = Math.Max(1, (int)Math.Ceiling(online?.THOIGIAN ?? 1)),
            OnlineLevel = p.MUCDO == "TOANTRINH" ? OnlineLevel.Full : OnlineLevel.Partial,
            Steps = [.. (p.TRINHTUTHUCHIEN ?? []).Select(s => s.TENBUOC)],
            Channels = [.. (p.CACHTHUCTHUCHIEN ?? []).Select(c => c.KENH).Distinct()],
            Fees = [.. (p.PHILEPHI ?? []).Select(f => new ProcedureFee { Name = f.MOTA, Amount = (long)(f.SOTIEN ?? 0), Note = f.GHICHU })],
            RequiredDocuments = [.. (p.THANHPHANHOSO ?? []).Select(d => new RequiredDocument
            {
                Key = (++documentNumber).ToString(CultureInfo.InvariantCulture),
                Name = d.TENGIAYTO,
                Copies = d.SOLUONG ?? 1,
                Mandatory = d.BATBUOC ?? true,
                FormTemplateName = d.TENMAUDON,
                FormTemplateFile = d.TEPMAUDON,
            })],
            Result = string.Join("; ", (p.KETQUATHUCHIEN ?? []).Select(r => r.TENKETQUA)),
            LegalBasis = [.. (p.CANCUPHAPLY ?? []).Select(l => string.Join(" ", new[] { l.TENVANBAN, l.SOVANBAN }.Where(s => !string.IsNullOrEmpty(s))))],
            Requirements = p.YEUCAU,
            Source = "national-portal",
        };
    }

    private static void Copy(Procedure from, Procedure to)
    {
        to.Name = from.Name;
        to.Field = from.Field;
        to.AgencyId = from.AgencyId;
        to.ProcessingWorkingDays = from.ProcessingWorkingDays;
        to.OnlineLevel = from.OnlineLevel;
        to.Steps = from.Steps;
        to.Channels = from.Channels;
        to.Fees = from.Fees;
        to.RequiredDocuments = from.RequiredDocuments;
        to.Result = from.Result;
        to.LegalBasis = from.LegalBasis;
        to.Requirements = from.Requirements;
        to.Source = from.Source;
    }

    private static string Fingerprint(Procedure p) => JsonSerializer.Serialize(ProcedureDetailResponse.From(p));
}
