using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Routing;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Processing.OfficerActions;

internal sealed record ExtendDeadlineRequest(int WorkingDays, string Note, [property: JsonRequired] int Version) : IOfficerActionRequest;

internal sealed class ExtendDeadlineRequestValidator : AbstractValidator<ExtendDeadlineRequest>
{
    /// <summary>The longest one extension (or one apology's new date) may move a dossier's return date, in working days.</summary>
    public const int MaxWorkingDays = 60;

    public ExtendDeadlineRequestValidator()
    {
        RuleFor(r => r.WorkingDays).InclusiveBetween(1, MaxWorkingDays).WithMessage("Số ngày gia hạn từ 1 đến 60 ngày làm việc.");
        RuleFor(r => r.Note).NotEmpty().WithMessage("Vui lòng ghi rõ lý do gia hạn.").MaximumLength(2000).WithName("Lý do");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

internal static class ExtendDeadline
{
    public static void MapExtendDeadline(this IEndpointRouteBuilder staff) =>
        staff.MapOfficerAction<ExtendDeadlineRequest>("extend-deadline", "ExtendDossierDeadline",
            "Gia hạn giải quyết thêm một số ngày làm việc (khi pháp luật cho phép), ghi rõ lý do.",
            (officer, request, change) =>
            {
                var dossier = change.Dossier;
                if (DossierWorkflow.Check(dossier, DossierAction.Extend) is { } refusal)
                {
                    return Task.FromResult<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?>(refusal);
                }

                var extended = officer.Workflow.Deadlines.Calendar.AddWorkingDays(dossier.DueDate, request.WorkingDays);
                return Task.FromResult(officer.Workflow.Apply(change, DossierAction.Extend, officer.Actor, request.Note,
                    $"Thời hạn giải quyết được gia hạn thêm {request.WorkingDays.ToString(CultureInfo.InvariantCulture)} ngày làm việc. Ngày hẹn trả mới: {{dueDate}}.",
                    step => new DeadlineExtended(step, request.WorkingDays), extended));
            });
}
