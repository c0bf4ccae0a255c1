using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Time;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;

namespace Province.Modules.Dossiers.Processing.OfficerActions;

internal sealed record IssueApologyRequest(DateOnly NewDueDate, string Note, [property: JsonRequired] int Version) : IOfficerActionRequest;

internal sealed class IssueApologyRequestValidator : AbstractValidator<IssueApologyRequest>
{
    public IssueApologyRequestValidator(TimeProvider clock)
    {
        // A date, not a way around the extension cap: never more than a year ahead (the working-day cap is checked on the dossier).
        var today = clock.TodayInVietnam();
        RuleFor(r => r.NewDueDate).Must(d => d >= today && d <= today.AddYears(1)).WithMessage("Ngày hẹn mới phải từ hôm nay đến tối đa một năm tới.");
        RuleFor(r => r.Note).NotEmpty().WithMessage("Vui lòng ghi rõ lý do chậm trễ.").MaximumLength(1000).WithName("Lý do");
        RuleFor(r => r.Version).GreaterThanOrEqualTo(0).WithName("Phiên bản");
    }
}

internal static class IssueApology
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static void MapIssueApology(this IEndpointRouteBuilder staff) =>
        staff.MapOfficerAction<IssueApologyRequest>("apologize", "IssueDossierApology",
            "Lập phiếu xin lỗi và hẹn lại ngày trả kết quả cho hồ sơ sắp trễ hoặc đã trễ hạn; phiếu được gửi đến công dân.",
            (officer, request, change) =>
            {
                var dossier = change.Dossier;
                if (DossierWorkflow.Check(dossier, DossierAction.Apologize) is { } refusal)
                {
                    return Task.FromResult<ProblemHttpResult?>(refusal);
                }

                var workflow = officer.Workflow;
                var timeliness = workflow.Deadlines.Of(dossier.Status, dossier.DueDate);
                if (timeliness is not (Timeliness.DueSoon or Timeliness.Overdue or Timeliness.Paused))
                {
                    return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("dossier.apology_not_needed",
                        $"Hồ sơ còn trong hạn (hẹn trả {dossier.DueDate.ToString("dd/MM/yyyy", Vietnamese)}); phiếu xin lỗi chỉ lập khi hồ sơ sắp trễ hoặc đã trễ hạn."));
                }

                if (request.NewDueDate <= dossier.DueDate || request.NewDueDate < workflow.Deadlines.Today
                    || !workflow.Deadlines.Calendar.IsWorkingDay(request.NewDueDate))
                {
                    return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("dossier.new_due_date_invalid",
                        "Ngày hẹn mới phải là ngày làm việc, sau ngày hẹn cũ và không ở quá khứ."));
                }

                // The new date is bound like an extension: at most MaxWorkingDays working days after the later of the old date and today.
                var latest = workflow.Deadlines.Calendar.AddWorkingDays(
                    dossier.DueDate > workflow.Deadlines.Today ? dossier.DueDate : workflow.Deadlines.Today, ExtendDeadlineRequestValidator.MaxWorkingDays);
                if (request.NewDueDate > latest)
                {
                    return Task.FromResult<ProblemHttpResult?>(Problems.BusinessRule("dossier.new_due_date_too_far",
                        $"Ngày hẹn mới không được quá {ExtendDeadlineRequestValidator.MaxWorkingDays} ngày làm việc sau ngày hẹn cũ (muộn nhất {latest.ToString("dd/MM/yyyy", Vietnamese)})."));
                }

                var previous = dossier.DueDate;
                var letter =
                    $"{dossier.AgencyName} xin lỗi Ông/Bà {dossier.Applicant.FullName} vì hồ sơ mã {dossier.Code} " +
                    $"({dossier.ProcedureName}) chưa giải quyết được đúng hẹn ngày {previous.ToString("dd/MM/yyyy", Vietnamese)}. " +
                    $"Lý do: {request.Note.Trim()}. Cơ quan hẹn trả kết quả vào ngày {request.NewDueDate.ToString("dd/MM/yyyy", Vietnamese)}. " +
                    "Mong Ông/Bà thông cảm.";
                var now = workflow.Clock.GetUtcNow().ToUniversalTime();
                var apology = new ApologyLetter
                {
                    DossierId = dossier.Id,
                    PreviousDueDate = previous,
                    NewDueDate = request.NewDueDate,
                    Reason = request.Note.Trim(),
                    Letter = letter,
                    IssuedBy = officer.Actor.Id ?? Guid.Empty,
                    IssuedByName = officer.Actor.Name,
                    IssuedAt = now,
                };
                change.Session.PublishIntegrationEvent(new DossierApologyIssued(Guid.CreateVersion7(), now, dossier.Id, dossier.Code, dossier.CitizenId, previous, request.NewDueDate, letter));
                return Task.FromResult(workflow.Apply(change, DossierAction.Apologize, officer.Actor, request.Note,
                    "Cơ quan đã gửi phiếu xin lỗi và hẹn lại ngày trả kết quả: {dueDate}.",
                    step => new ApologyLetterIssued(step, apology), request.NewDueDate));
            });
}
