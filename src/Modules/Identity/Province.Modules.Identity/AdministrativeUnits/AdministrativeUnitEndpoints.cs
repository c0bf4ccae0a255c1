using FluentValidation;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Hosting;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.AdministrativeUnits;

/// <summary>A commune of the province for an address picker, with the old units it took over (to show "formerly ...").</summary>
internal sealed record AdministrativeUnitResponse(Guid Id, string? Code, string Name, string Kind, Guid? AgencyId, IReadOnlyList<string> FormerUnits);

internal sealed record ImportAdministrativeUnitsResponse(int Units);

internal static class AdministrativeUnitEndpoints
{
    private const int MaxQueryLength = 200;

    public static void MapAdministrativeUnits(this IEndpointRouteBuilder publicApi)
    {
        publicApi.MapGet("/administrative-units", async Task<Results<Ok<List<AdministrativeUnitResponse>>, ProblemHttpResult>> (
                string? q, IIdentityStore store, IMemoryCache cache, CancellationToken cancellationToken) =>
            {
                if (q?.Length > MaxQueryLength)
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, "administrative_unit.query_too_long", "Từ khóa quá dài.", $"Tối đa {MaxQueryLength} ký tự.");
                }

                var units = await LoadAsync(store, cache, cancellationToken);
                var words = AddressText.Normalize(q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return TypedResults.Ok(units
                    .Where(u => u.Kind != AdministrativeUnitKind.Province)
                    .Where(u => words.Length == 0 || Matches(u, words))
                    .OrderBy(u => u.FoldedName, StringComparer.Ordinal)
                    .Select(u => new AdministrativeUnitResponse(u.Id, u.Code, u.Name, Province.BuildingBlocks.Text.EnumNames.Camel(u.Kind), u.AgencyId,
                        [.. u.FormerUnits.Select(AddressResolver.DescribeFormer)]))
                    .ToList());
            })
            .WithName("ListAdministrativeUnits")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Danh sách xã, phường, đặc khu của tỉnh (cho ô chọn địa chỉ); tìm không cần dấu, theo tên mới hoặc tên đơn vị cũ đã sáp nhập.")
            .AllowAnonymous()
            .RequireRateLimiting("anonymous");

        publicApi.MapGet("/administrative-units/resolution", async Task<Results<Ok<AdministrativeUnitMatch>, ProblemHttpResult>> (
                string? address, IMediator mediator, CancellationToken cancellationToken) =>
            {
                if (string.IsNullOrWhiteSpace(address) || address.Length > MaxQueryLength)
                {
                    return Problems.Create(StatusCodes.Status400BadRequest, "administrative_unit.address_invalid", "Địa chỉ không hợp lệ.",
                        $"Vui lòng nhập địa chỉ (tối đa {MaxQueryLength} ký tự), ví dụ \"Phường 1, thành phố Tây Ninh\".");
                }

                var match = await mediator.Send(new ResolveAdministrativeUnit(address), cancellationToken);
                return match.Unit is null && match.Candidates.Count == 0
                    ? Problems.NotFound("administrative_unit.not_found", "Không tìm thấy xã, phường nào của tỉnh trong địa chỉ này (tên mới hoặc tên cũ trước ngày 01/7/2025).")
                    : TypedResults.Ok(match);
            })
            .WithName("ResolveAdministrativeUnit")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Địa chỉ (kể cả theo đơn vị hành chính cũ, ví dụ \"Phường 1, thành phố Tây Ninh\") thuộc xã, phường nào hiện nay.")
            .AllowAnonymous()
            .RequireRateLimiting("anonymous");
    }

    public static void MapImportAdministrativeUnits(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/administrative-units/import", async Task<Results<Ok<ImportAdministrativeUnitsResponse>, ProblemHttpResult>> (
                AdministrativeUnitFile file, IIdentityStore store, IMemoryCache cache, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                var count = AdministrativeUnitCatalog.Stage(session, file);
                await session.SaveChangesAsync(cancellationToken);
                Evict(cache);
                return TypedResults.Ok(new ImportAdministrativeUnitsResponse(count));
            })
            .Validate<AdministrativeUnitFile>()
            // A province's whole list of communes and the units merged into them: larger than an ordinary request.
            .WithRequestBodyLimit(4 * 1024 * 1024)
            .WithName("ImportAdministrativeUnits")
            .WithSummary("Nạp danh mục xã, phường, đặc khu của tỉnh và các đơn vị cũ đã sáp nhập (ghi đè theo tên; chỉ quản trị viên).")
            .RequireAuthorization(ProvincePolicies.Administrator);

    private const string CacheKey = "identity.administrative-units";

    /// <summary>
    /// The whole map (a hundred or so units per province), kept a minute in memory: every dossier and field report
    /// resolves a place. An import evicts it on this instance; other instances see it within the minute.
    /// </summary>
    internal static async Task<IReadOnlyList<AdministrativeUnit>> LoadAsync(IIdentityStore store, IMemoryCache cache, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlyList<AdministrativeUnit>? cached) && cached is not null)
        {
            return cached;
        }

        await using var session = store.QuerySession();
        IReadOnlyList<AdministrativeUnit> units = await session.Query<AdministrativeUnit>().ToListAsync(cancellationToken);
        cache.Set(CacheKey, units, TimeSpan.FromMinutes(1));
        return units;
    }

    internal static void Evict(IMemoryCache cache) => cache.Remove(CacheKey);

    /// <summary>Every word typed starts a word of the name or of one of its former units' names.</summary>
    private static bool Matches(AdministrativeUnit unit, string[] words)
    {
        var names = new[] { unit.FoldedName }.Concat(unit.FormerUnits.SelectMany(f => new[] { f.Name }.Concat(f.Aliases)).Select(AddressText.Normalize));
        return names.Any(name =>
        {
            var nameWords = name.Split(' ');
            return words.All(w => nameWords.Any(n => n.StartsWith(w, StringComparison.Ordinal)));
        });
    }
}

internal sealed class AdministrativeUnitFileValidator : AbstractValidator<AdministrativeUnitFile>
{
    public AdministrativeUnitFileValidator()
    {
        RuleFor(f => f.Units).NotEmpty().WithMessage("Tệp cần ít nhất một đơn vị hành chính.")
            .Must(u => u is null || u.Count <= 5000).WithMessage("Tối đa 5000 đơn vị mỗi lần nạp.");
        RuleForEach(f => f.Units).ChildRules(unit =>
        {
            unit.RuleFor(u => u.Name).NotEmpty().MaximumLength(200).WithName("Tên đơn vị");
            unit.RuleFor(u => u.Code).MaximumLength(20).WithName("Mã đơn vị");
            unit.RuleFor(u => u.Kind).Must(k => AdministrativeUnitCatalog.KindOf(k) is not null)
                .WithMessage("Loại đơn vị là \"ward\" (phường), \"commune\" (xã), \"specialZone\" (đặc khu) hoặc \"province\".");
            unit.RuleForEach(u => u.FormerUnits).ChildRules(former =>
            {
                former.RuleFor(f => f.Name).NotEmpty().MaximumLength(200).WithName("Tên đơn vị cũ");
                former.RuleFor(f => f.FormerDistrict).MaximumLength(200).WithName("Huyện, thị xã, thành phố cũ");
                former.RuleFor(f => f.FormerProvince).MaximumLength(100).WithName("Tỉnh cũ");
                former.RuleFor(f => f.Code).MaximumLength(20).WithName("Mã đơn vị cũ");
            }).When(u => u.FormerUnits is not null);
        }).When(f => f.Units is not null);
    }
}

/// <summary>Answers other modules' <see cref="ResolveAdministrativeUnit"/> (applicant addresses, field-report places).</summary>
internal sealed class ResolveAdministrativeUnitHandler(IIdentityStore store, IMemoryCache cache) : IRequestHandler<ResolveAdministrativeUnit, AdministrativeUnitMatch>
{
    public async Task<AdministrativeUnitMatch> Handle(ResolveAdministrativeUnit request, CancellationToken cancellationToken) =>
        AddressResolver.Resolve(request.Address, await AdministrativeUnitEndpoints.LoadAsync(store, cache, cancellationToken));
}
