using System.Security.Claims;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerActions;

/// <summary>An officer's action request: every one carries the dossier version the officer read.</summary>
internal interface IOfficerActionRequest
{
    int Version { get; }
}

/// <summary>An action whose only words are an optional note.</summary>
internal sealed record NoteRequest(string? Note, [property: JsonRequired] int Version) : IOfficerActionRequest;

/// <summary>An action that must say why (refusal, stop, what is missing): the staff's words are its <c>note</c>, required here.</summary>
internal sealed record RequiredNoteRequest(string Note, [property: JsonRequired] int Version) : IOfficerActionRequest;

internal sealed class NoteRequestValidator : AbstractValidator<NoteRequest>
{
    public NoteRequestValidator()
    {
        RuleFor(r => r.Note).MaximumLength(2000).WithName("Ghi chú");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

internal sealed class RequiredNoteRequestValidator : AbstractValidator<RequiredNoteRequest>
{
    public RequiredNoteRequestValidator()
    {
        RuleFor(r => r.Note).NotEmpty().WithMessage("Vui lòng ghi rõ lý do.").MaximumLength(2000).WithName("Lý do");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

internal static class OfficerActionEndpoint
{
    /// <summary>
    /// Maps <c>POST /{id}/{action}</c> for staff: only the executing agency's staff (or an administrator) see the
    /// dossier at all; everyone else gets 404. Answers 200 with the whole dossier and its allowed actions.
    /// </summary>
    public static RouteHandlerBuilder MapOfficerAction<TRequest>(
        this IEndpointRouteBuilder staff,
        string action,
        string name,
        string summary,
        Func<OfficerContext, TRequest, DossierChange, Task<ProblemHttpResult?>> act)
        where TRequest : IOfficerActionRequest =>
        staff.MapPost($"/{{id:guid}}/{action}", async Task<Results<Ok<Tracking.DossierDetailResponse>, ProblemHttpResult>> (
                Guid id, TRequest request, ClaimsPrincipal user, IServiceProvider services, CancellationToken cancellationToken) =>
            {
                var officer = new OfficerContext(user, services, cancellationToken);
                return await services.GetRequiredService<DossierActionRunner>()
                    .RunAsync(id, DossierReader.Staff, officer.MayHandle, request.Version, change => act(officer, request, change), cancellationToken);
            })
            .WithName(name)
            .WithSummary(summary)
            .Validate<TRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Staff);
}

/// <summary>The acting officer and what an action needs to do its work.</summary>
internal sealed record OfficerContext(ClaimsPrincipal User, IServiceProvider Services, CancellationToken CancellationToken)
{
    public Actor Actor => new(HistoryActor.Officer, User.GetStaffId(), User.Identity?.Name ?? "Cán bộ");

    public DossierWorkflow Workflow => Services.GetRequiredService<DossierWorkflow>();

    public bool MayHandle(Dossier dossier) => User.IsAdministrator() || User.GetAgencyId() == dossier.AgencyId;
}
