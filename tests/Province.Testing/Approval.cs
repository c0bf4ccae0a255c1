using System.Runtime.CompilerServices;
using Xunit;

namespace Province.Testing;

/// <summary>
/// Approval files, the part of Verify we need (Verify itself is not installable here): the text is
/// compared with <c>&lt;name&gt;.verified.&lt;ext&gt;</c> beside the calling test file. On a mismatch,
/// or when no approved file exists, <c>&lt;name&gt;.received.&lt;ext&gt;</c> is written and the test fails;
/// approve an intended change by renaming received to verified.
/// </summary>
public static class Approval
{
    public static void Verify(string actual, string name, string extension = "json", [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var directory = Path.GetDirectoryName(callerFile)!;
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        var normalized = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";

        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalized)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, normalized);
        Assert.Fail(File.Exists(verified)
            ? $"{name} changed: compare {received} with {verified}; if the change is intended, replace the verified file with the received one."
            : $"No approved {name} yet: review {received} and rename it to {Path.GetFileName(verified)}.");
    }
}
