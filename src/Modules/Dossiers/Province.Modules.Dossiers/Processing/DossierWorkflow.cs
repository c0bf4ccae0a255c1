using System.Globalization;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Dossiers.Data;
using Province.Modules.Dossiers.Deadlines;
using Province.Modules.Dossiers.NationalPortal;

namespace Province.Modules.Dossiers.Processing;

internal enum DossierAction
{
    Accept,
    Refuse,
    Assign,
    RequestSupplement,
    SubmitSupplement,
    RequestFee,
    ConfirmFeePaid,
    Complete,
    ReturnResult,
    Stop,
    Withdraw,
    Extend,
    Apologize,
}

/// <summary>Who reads a dossier, for the actions it offers: its citizen, or staff allowed to handle it (its agency's, or an administrator).</summary>
internal enum DossierReader
{
    Citizen,
    Staff,
}

/// <summary>Who acted: written into the history the citizen reads.</summary>
internal sealed record Actor(HistoryActor Kind, Guid? Id, string Name)
{
    public static Actor Citizen(Guid citizenId) => new(HistoryActor.Citizen, citizenId, "Công dân");
}

/// <summary>
/// One change of one dossier in progress: the session it is staged on and the dossier's stream, fetched
/// for writing (Marten checks at SaveChanges that nobody appended to it meanwhile).
/// </summary>
internal sealed class DossierChange(IDocumentSession session, IEventStream<Dossier> stream)
{
    public IDocumentSession Session => session;

    /// <summary>The dossier as it stands: as fetched, then after each step recorded.</summary>
    public Dossier Dossier { get; private set; } = stream.Aggregate!;

    /// <summary>Appends the step to the stream; <see cref="Dossier"/> then shows the state after it.</summary>
    public void Record(IDossierStep step)
    {
        stream.AppendOne(step);
        Dossier = Dossier.After(step);
    }
}

/// <summary>
/// The one place a dossier changes status. Every action names the statuses it may start from; an
/// action from any other status is refused with 409 and a sentence saying why. A change becomes one
/// event of the dossier's stream carrying the legal audit (who, when, from which status to which, why)
/// and the clock after it (pause, resume), raises <see cref="DossierStatusChanged"/> and queues the
/// national portal sync, all staged on the change's session for one SaveChanges.
/// </summary>
internal sealed class DossierWorkflow(DeadlinePolicy deadlines, PortalSync portalSync, TimeProvider clock)
{
    private static readonly DossierStatus[] OpenForOfficer =
        [DossierStatus.Accepted, DossierStatus.Processing, DossierStatus.SupplementRequested, DossierStatus.FeeRequested];

    private static readonly Dictionary<DossierAction, Rule> Rules = new()
    {
        [DossierAction.Accept] = new([DossierStatus.New], DossierStatus.Accepted, "tiếp nhận"),
        [DossierAction.Refuse] = new([DossierStatus.New], DossierStatus.Refused, "từ chối tiếp nhận"),
        [DossierAction.Assign] = new([DossierStatus.Accepted, DossierStatus.Processing], DossierStatus.Processing, "phân công xử lý"),
        [DossierAction.RequestSupplement] = new([DossierStatus.Accepted, DossierStatus.Processing], DossierStatus.SupplementRequested, "yêu cầu bổ sung"),
        [DossierAction.SubmitSupplement] = new([DossierStatus.SupplementRequested], DossierStatus.Processing, "nộp bổ sung"),
        [DossierAction.RequestFee] = new([DossierStatus.Accepted, DossierStatus.Processing], DossierStatus.FeeRequested, "yêu cầu nộp phí, lệ phí"),
        [DossierAction.ConfirmFeePaid] = new([DossierStatus.FeeRequested], DossierStatus.Processing, "xác nhận đã nộp phí"),
        [DossierAction.Complete] = new([DossierStatus.Processing], DossierStatus.Done, "hoàn thành xử lý"),
        [DossierAction.ReturnResult] = new([DossierStatus.Done], DossierStatus.ResultReturned, "trả kết quả"),
        [DossierAction.Stop] = new(OpenForOfficer, DossierStatus.Stopped, "dừng xử lý"),
        [DossierAction.Withdraw] = new([DossierStatus.New, .. OpenForOfficer], DossierStatus.WithdrawalRequested, "rút"),
        [DossierAction.Extend] = new(OpenForOfficer, null, "gia hạn"),
        [DossierAction.Apologize] = new([DossierStatus.New, .. OpenForOfficer], null, "gửi phiếu xin lỗi cho"),
    };

    /// <summary>The staff actions by their path names (docs/api-conventions.md), in the order a screen shows them.</summary>
    private static readonly (DossierAction Action, string Name)[] StaffActions =
    [
        (DossierAction.Accept, "accept"),
        (DossierAction.Refuse, "refuse"),
        (DossierAction.Assign, "assign"),
        (DossierAction.RequestSupplement, "request-supplement"),
        (DossierAction.RequestFee, "request-fee"),
        (DossierAction.ConfirmFeePaid, "confirm-fee-payment"),
        (DossierAction.Extend, "extend-deadline"),
        (DossierAction.Complete, "complete"),
        (DossierAction.ReturnResult, "return-result"),
        (DossierAction.Stop, "stop"),
        (DossierAction.Apologize, "apologize"),
    ];

    private static readonly (DossierAction Action, string Name)[] CitizenActions =
    [
        (DossierAction.Withdraw, "withdraw"),
        (DossierAction.SubmitSupplement, "supplements"),
    ];

    public DeadlinePolicy Deadlines => deadlines;

    /// <summary>
    /// The actions <paramref name="reader"/> may take on the dossier now, by their path names: the status rules above
    /// plus the date rules the actions check (an apology only when the dossier is late, due soon or paused; a late
    /// dossier completes only after its apology). Staff readers are those already allowed to handle the dossier. Every
    /// answer that shows a dossier to someone who may act on it carries this list, so no client copies the state machine.
    /// </summary>
    public static IReadOnlyList<string> AllowedActions(Dossier dossier, DossierReader reader, DeadlinePolicy deadlines)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return AllowedActions(dossier.Status, dossier.DueDate, reader, deadlines);
    }

    /// <summary>The actions offered on a dossier in <paramref name="status"/> due on <paramref name="dueDate"/> (all they depend on).</summary>
    public static IReadOnlyList<string> AllowedActions(DossierStatus status, DateOnly dueDate, DossierReader reader, DeadlinePolicy deadlines)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var candidates = reader == DossierReader.Staff ? StaffActions : CitizenActions;
        var allowed = new List<string>(candidates.Length);
        foreach (var (action, name) in candidates)
        {
            if (!Rules[action].From.Contains(status))
            {
                continue;
            }

            if (action == DossierAction.Apologize
                && deadlines.Of(status, dueDate) is not (Timeliness.DueSoon or Timeliness.Overdue or Timeliness.Paused))
            {
                continue;
            }

            if (action == DossierAction.Complete && dueDate < deadlines.Today)
            {
                continue;
            }

            allowed.Add(name);
        }

        return allowed;
    }

    public TimeProvider Clock => clock;

    /// <summary>The refusal for <paramref name="action"/> from the dossier's current status, or null when allowed.</summary>
    public static ProblemHttpResult? Check(Dossier dossier, DossierAction action)
    {
        var rule = Rules[action];
        if (rule.From.Contains(dossier.Status))
        {
            return null;
        }

        var allowed = string.Join(", ", rule.From.Select(s => $"\"{s.Text()}\""));
        return Problems.Conflict("dossier.illegal_transition",
            $"Không thể {rule.Verb} hồ sơ đang ở trạng thái \"{dossier.Status.Text()}\". Thao tác này chỉ áp dụng khi hồ sơ ở trạng thái: {allowed}.");
    }

    /// <summary>
    /// Applies <paramref name="action"/>: checks it, works out the new status and clock, records the step
    /// made by <paramref name="makeStep"/> from those facts, raises the event and queues the sync. Returns
    /// the refusal instead when the action is not allowed. <paramref name="newDueDate"/> is the date an
    /// extension or apology sets before the clock rules apply.
    /// </summary>
    public ProblemHttpResult? Apply(DossierChange change, DossierAction action, Actor actor, string? note, string citizenMessage,
        Func<StepFacts, IDossierStep> makeStep, DateOnly? newDueDate = null)
    {
        var before = change.Dossier;
        if (Check(before, action) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow().ToUniversalTime();
        var today = deadlines.Today;
        var from = before.Status;
        var to = Rules[action].To ?? from;
        var dueDate = newDueDate ?? before.DueDate;
        var pausedOn = before.PausedOn;

        if (from.IsPaused() && !to.IsPaused())
        {
            // Waiting for the citizen does not count against the agency: the days paused move the date.
            if (to == DossierStatus.Processing && pausedOn is { } since)
            {
                dueDate = deadlines.Calendar.AddWorkingDays(dueDate, deadlines.Calendar.WorkingDaysBetween(since, today));
            }

            pausedOn = null;
        }
        else if (!from.IsPaused() && to.IsPaused())
        {
            pausedOn = today;
        }

        if (action == DossierAction.Accept)
        {
            // The legal time runs from acceptance (the receipt's date for an online dossier).
            dueDate = deadlines.Calendar.AddWorkingDays(today, before.ProcessingWorkingDays);
        }

        var message = citizenMessage.Replace("{dueDate}", dueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var facts = new StepFacts(now, actor.Kind, actor.Id, actor.Name, from, to, message,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim(), dueDate, pausedOn);
        change.Record(makeStep(facts));
        var dossier = change.Dossier;

        if (from != to)
        {
            change.Session.PublishIntegrationEvent(new DossierStatusChanged(
                Guid.CreateVersion7(), now, dossier.Id, dossier.Code, dossier.CitizenId, dossier.AgencyId,
                (int)from, (int)to, to.Text(), message));
        }

        portalSync.QueueProgress(change.Session, dossier, facts);
        return null;
    }

    private sealed record Rule(DossierStatus[] From, DossierStatus? To, string Verb);
}
