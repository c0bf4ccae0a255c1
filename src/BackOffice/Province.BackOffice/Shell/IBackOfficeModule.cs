using System.Reflection;

namespace Province.BackOffice.Shell;

/// <summary>
/// A module that brings staff pages: its registration class (the one that implements IModuleRegistration) implements
/// this too. The shell maps the routable components of <see cref="PagesAssembly"/> and shows <see cref="Menu"/> only
/// while the module is enabled, so a switched-off module has no pages (its URLs answer 404) and no menu entries.
/// </summary>
public interface IBackOfficeModule
{
    /// <summary>The assembly holding the module's routable components (<c>@page "/staff/..."</c>).</summary>
    Assembly PagesAssembly { get; }

    /// <summary>The module's entries of the menu; each names who may see it (the pages enforce the same with [Authorize]).</summary>
    IReadOnlyList<MenuEntry> Menu { get; }
}

/// <summary>Who a menu entry and its page are for.</summary>
public enum MenuAudience
{
    /// <summary>Every signed-in staff member (officers and administrators).</summary>
    Staff,

    /// <summary>Administrators only.</summary>
    Administrator,
}

/// <summary>One link of the menu, grouped under <paramref name="Group"/> (e.g. "Hồ sơ", "Quản trị"), ordered by <paramref name="Order"/>.</summary>
public sealed record MenuEntry(string Group, string Text, string Href, MenuAudience Audience = MenuAudience.Staff, int Order = 100);
