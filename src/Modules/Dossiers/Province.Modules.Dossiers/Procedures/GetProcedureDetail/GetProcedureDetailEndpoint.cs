using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Marten;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Procedures.GetProcedureDetail;

internal static class GetProcedureDetailEndpoint
{
    public static void MapGetProcedureDetail(this IEndpointRouteBuilder publicApi) =>
        publicApi.MapGet("/procedures/{code}", async Task<Results<Ok<ProcedureDetailResponse>, ProblemHttpResult>> (
                string code, IDossiersStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.QuerySession();
                var procedure = await session.Query<Procedure>().FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
                return procedure is null
                    ? Problems.NotFound("dossier.procedure_not_found", $"Không có thủ tục mã {code} trong danh mục.")
                    : TypedResults.Ok(ProcedureDetailResponse.From(procedure));
            })
            .WithName("GetProcedure")
            .WithSummary("Chi tiết một thủ tục: trình tự, thành phần hồ sơ, thời hạn, phí, lệ phí, căn cứ pháp lý.")
            .AllowAnonymous()
            .RequireRateLimiting(ProvinceRateLimits.Anonymous);
}

/// <summary>Answers other modules' <see cref="GetProcedure"/> (e.g. Appointments linking a booking to a procedure).</summary>
internal sealed class GetProcedureHandler(IDossiersStore store) : IRequestHandler<GetProcedure, ProcedureInfo?>
{
    public async Task<ProcedureInfo?> Handle(GetProcedure request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var p = await session.Query<Procedure>().FirstOrDefaultAsync(p => p.Code == request.ProcedureCode, cancellationToken);
        return p is null ? null : new ProcedureInfo(p.Code, p.Name, p.Field, p.AgencyId, p.ProcessingWorkingDays);
    }
}
