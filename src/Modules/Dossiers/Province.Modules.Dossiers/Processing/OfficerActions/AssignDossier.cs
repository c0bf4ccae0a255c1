using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Errors;
using Province.Modules.Dossiers.Data;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Dossiers.Processing.OfficerActions;

internal sealed record AssignDossierRequest(Guid StaffId, string? Note, [property: JsonRequired] int Version) : IOfficerActionRequest;

internal sealed class AssignDossierRequestValidator : AbstractValidator<AssignDossierRequest>
{
    public AssignDossierRequestValidator()
    {
        RuleFor(r => r.StaffId).NotEmpty().WithMessage("Vui lòng chọn cán bộ xử lý.");
        RuleFor(r => r.Note).MaximumLength(2000).WithName("Ghi chú");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

internal static class AssignDossier
{
    public static void MapAssignDossier(this IEndpointRouteBuilder staff) =>
        staff.MapOfficerAction<AssignDossierRequest>("assign", "AssignDossier",
            "Phân công (hoặc đổi) cán bộ xử lý; cán bộ phải thuộc cơ quan thực hiện.",
            async (officer, request, change) =>
            {
                var dossier = change.Dossier;
                if (DossierWorkflow.Check(dossier, Processing.DossierAction.Assign) is { } refusal)
                {
                    return refusal;
                }

                // Identity's contract, never its tables: the assignee must be an active officer of this agency.
                var assignee = await officer.Services.GetRequiredService<IMediator>().Send(new GetStaffMember(request.StaffId), officer.CancellationToken);
                if (assignee is not { Active: true } || assignee.AgencyId != dossier.AgencyId)
                {
                    return Problems.BusinessRule("dossier.assignee_not_in_agency", "Cán bộ được phân công phải là cán bộ đang công tác tại cơ quan thực hiện thủ tục.");
                }

                return officer.Workflow.Apply(change, Processing.DossierAction.Assign, officer.Actor, request.Note,
                    $"Hồ sơ đang được cán bộ {assignee.FullName} xử lý. Ngày hẹn trả: {{dueDate}}.",
                    step => new DossierAssigned(step, assignee.Id, assignee.FullName));
            });
}
