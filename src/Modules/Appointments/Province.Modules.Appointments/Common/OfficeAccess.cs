using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Common;

/// <summary>Who may run an office's counters and bookings: its agency's officers, and administrators.</summary>
internal static class OfficeAccess
{
    public static bool MayManage(this ClaimsPrincipal user, Office office) =>
        user.IsAdministrator() || user.GetAgencyId() == office.AgencyId;

    /// <summary>True, with the refusal, when the office does not exist or <paramref name="user"/> may not manage it.</summary>
    public static bool CannotManage(this ClaimsPrincipal user, [NotNullWhen(false)] Office? office, [NotNullWhen(true)] out ProblemHttpResult? refusal)
    {
        refusal = office is null ? OfficeNotFound() : user.MayManage(office) ? null : NotYourOffice();
        return refusal is not null;
    }

    public static ProblemHttpResult NotYourOffice() =>
        Problems.Forbidden("appointments.not_your_office", "Bạn không phải cán bộ của cơ quan quản lý bộ phận một cửa này.");

    public static ProblemHttpResult OfficeNotFound() =>
        Problems.NotFound("appointments.office_not_found", "Không tìm thấy bộ phận một cửa.");
}

/// <summary>Vietnam's date and time of day for an instant; slots and opening hours are in Vietnam time.</summary>
internal static class OfficeTime
{
    public static DateTimeOffset StartsAt(DateOnly day, TimeOnly start) =>
        new(day.ToDateTime(start), TimeSpan.FromHours(7));

    public static (DateOnly Day, TimeOnly Time) Now(TimeProvider clock)
    {
        var now = BuildingBlocks.Time.VietnamTime.ToVietnamTime(clock.GetUtcNow());
        return (DateOnly.FromDateTime(now.DateTime), TimeOnly.FromDateTime(now.DateTime));
    }
}

/// <summary>Configuration section <c>Appointments</c>.</summary>
internal sealed class AppointmentsSettings
{
    public const string Section = "Appointments";

    /// <summary>How long before an appointment the reminder goes out.</summary>
    public TimeSpan ReminderLeadTime { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan ReminderScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A citizen is told their number is near when this many people or fewer are ahead.</summary>
    public int NearlyCalledAhead { get; set; } = 3;

    /// <summary>Live-view streams open at once on this instance, in all; the next one is refused with 429.</summary>
    public int LiveViewMaxStreams { get; set; } = 2000;

    /// <summary>
    /// Live-view streams open at once from one client address. Generous: a mobile carrier puts many phones behind one
    /// address, and an office's screens share its address too.
    /// </summary>
    public int LiveViewMaxStreamsPerClient { get; set; } = 20;

    /// <summary>How long one stream stays open; the server then ends it and the browser's EventSource reconnects.</summary>
    public TimeSpan LiveViewMaxDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A comment line is sent when nothing else was for this long, so proxies and phones keep the connection.</summary>
    public TimeSpan LiveViewKeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
