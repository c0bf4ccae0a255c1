using System.Globalization;
using System.Security.Claims;
using Province.BuildingBlocks.Security;

namespace Province.BackOffice.Shell;

/// <summary>The shell's Vietnamese words and formats, in one place.</summary>
public static class BackOfficeText
{
    public const string Title = "Cổng cán bộ · Một cửa điện tử";

    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    public static string RoleOf(ClaimsPrincipal user) => user.IsAdministrator() ? "Quản trị viên" : "Cán bộ";

    /// <summary>A date-time as staff read it: <c>01/12/2026 09:30</c> (the API already answers in Vietnam time).</summary>
    public static string DateTime(DateTimeOffset? at) => at?.ToString("dd/MM/yyyy HH:mm", Culture) ?? "—";

    public static string Date(DateTimeOffset? at) => at?.ToString("dd/MM/yyyy", Culture) ?? "—";

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", Culture) ?? "—";

    public static string Number(long value) => value.ToString("N0", Culture);
}
