using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Province.Host.Setup;

/// <summary>
/// The stable problem codes Province answers, for the OpenAPI document. Modules write their codes as string literals
/// where they answer (<c>Problems.Conflict("dossier.illegal_transition", ...)</c>), and a few as constants; both end up
/// in the user-string heap of the module's assembly (a constant is inlined where it is used), so reading that heap
/// finds every code without a catalog a module author must keep in step, and a new code shows up in the document (and
/// in its approval file) by itself. A code put together at run time from pieces would not be found: codes are whole
/// literals by convention (docs/api-conventions.md).
/// </summary>
internal static partial class ApiProblemCodes
{
    public static IReadOnlyList<string> Find()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.GetName().Name?.StartsWith("Province.", StringComparison.Ordinal) == true && a.Location.Length > 0))
        {
            foreach (var text in UserStrings(assembly))
            {
                if (Code().IsMatch(text) && !text.Contains(".mt_", StringComparison.Ordinal))
                {
                    codes.Add(text);
                }
            }
        }

        return [.. codes];
    }

    private static IEnumerable<string> UserStrings(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            yield break;
        }

        var reader = pe.GetMetadataReader();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = reader.GetNextHandle(handle))
        {
            yield return reader.GetUserString(handle);
        }
    }

    /// <summary>The prefixes of docs/api-conventions.md and the host's own (<c>request.</c>, <c>auth.</c>, <c>server.</c>).</summary>
    [GeneratedRegex("^(dossier|field_report|appointments|identity|notifications|link|validation|request|auth|server)\\.[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Code();
}
