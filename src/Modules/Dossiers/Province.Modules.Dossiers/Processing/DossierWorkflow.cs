using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
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

/// <summary>Who acted: written into the history the citizen reads.</summary>
internal sealed record Actor(HistoryActor Kind, Guid? Id, string Name)
{
    public static Actor Citizen(Guid citizenId) => new(HistoryActor.Citizen, citizenId, "Công dân");
}

/// <summary>
/// The one place a dossier changes status. Every action names the statuses it may start from; an
/// action from any other status is refused with 409 and a sentence saying why. A change writes the
/// history entry, moves the clock (pause, resume), raises <see cref="DossierStatusChanged"/> and
/// queues the national portal sync, all staged on the caller's DbContext for one SaveChanges.
/// </summary>
internal sealed class DossierWorkflow(DossiersDbContext db, DeadlinePolicy deadlines, PortalSync portalSync, TimeProvider clock)
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

    public DeadlinePolicy Deadlines => deadlines;

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
    /// Applies <paramref name="action"/>: checks it, changes status and clock, writes history, raises
    /// the event and queues the sync. Returns the refusal instead when the action is not allowed.
    /// </summary>
    public ProblemHttpResult? Apply(Dossier dossier, DossierAction action, Actor actor, string? note, string citizenMessage)
    {
        if (Check(dossier, action) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        var today = deadlines.Today;
        var from = dossier.Status;
        var to = Rules[action].To ?? from;

        if (from.IsPaused() && !to.IsPaused())
        {
            // Waiting for the citizen does not count against the agency: the days paused move the date.
            if (to == DossierStatus.Processing && dossier.PausedOn is { } pausedOn)
            {
                dossier.DueDate = deadlines.Calendar.AddWorkingDays(dossier.DueDate, deadlines.Calendar.WorkingDaysBetween(pausedOn, today));
            }

            dossier.PausedOn = null;
        }
        else if (!from.IsPaused() && to.IsPaused())
        {
            dossier.PausedOn = today;
        }

        switch (action)
        {
            case DossierAction.Accept:
                // The legal time runs from acceptance (the receipt's date for an online dossier).
                dossier.AcceptedAt = now;
                dossier.DueDate = deadlines.Calendar.AddWorkingDays(today, dossier.ProcessingWorkingDays);
                break;
            case DossierAction.Complete:
                dossier.CompletedAt = now;
                break;
            case DossierAction.ReturnResult:
                dossier.ReturnedAt = now;
                break;
            default:
                break;
        }

        dossier.Status = to;
        dossier.UpdatedAt = now;
        dossier.Version++;
        var message = citizenMessage.Replace("{dueDate}", dossier.DueDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var entry = new DossierHistoryEntry
        {
            DossierId = dossier.Id,
            At = now,
            Actor = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.Name,
            FromStatus = from,
            ToStatus = to,
            Description = message,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        db.History.Add(entry);

        if (from != to)
        {
            db.AddIntegrationEvent(new DossierStatusChanged(
                Guid.CreateVersion7(), now, dossier.Id, dossier.Code, dossier.CitizenId, dossier.AgencyId,
                (int)from, (int)to, to.Text(), message));
        }

        portalSync.QueueProgress(dossier, entry);
        return null;
    }

    private sealed record Rule(DossierStatus[] From, DossierStatus? To, string Verb);
}
