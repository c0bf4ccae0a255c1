using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Province.BuildingBlocks.Text;

/// <summary>
/// Characters no citizen types on purpose and that break what is built from stored text: C0 controls
/// (NUL makes PostgreSQL refuse the row, ESC starts terminal sequences, both make an XML feed unwritable),
/// DEL, C1 controls, and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that make
/// "gpj.exe" read as "exe.jpg" or reorder an officer's screen. Tab, line feed and carriage return stay:
/// descriptions and answers are multi-line. Everything a request brings in goes through <see cref="Clean"/>
/// at the edge (the JSON converter below, form fields, file names), so nothing stored carries them.
/// </summary>
public static class TextInput
{
    /// <summary>True for a character <see cref="Clean"/> removes.</summary>
    public static bool IsUnwanted(char c) =>
        c switch
        {
            '\t' or '\n' or '\r' => false,
            < '\u0020' => true,
            >= '\u007F' and <= '\u009F' => true,
            >= '\u202A' and <= '\u202E' => true,
            >= '\u2066' and <= '\u2069' => true,
            _ => false,
        };

    /// <summary>The text without the characters <see cref="IsUnwanted"/> names; the same instance when it has none.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!text.Any(IsUnwanted))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsUnwanted(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text for an XML 1.0 document (the Open311 feed): <see cref="Clean"/>, and unpaired surrogates and the
    /// non-characters U+FFFE/U+FFFF dropped, which XML cannot carry. Rows stored before the edge cleaned
    /// input still leave as a valid document.
    /// </summary>
    public static string ForXml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = Clean(text);
        var builder = new StringBuilder(cleaned.Length);
        for (var i = 0; i < cleaned.Length; i++)
        {
            var c = cleaned[i];
            if (char.IsHighSurrogate(c) && i + 1 < cleaned.Length && char.IsLowSurrogate(cleaned[i + 1]))
            {
                builder.Append(c).Append(cleaned[++i]);
            }
            else if (!char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// Every string of every JSON request body passes through <see cref="TextInput.Clean"/> as it is read, so no
/// endpoint has to remember it; what is written is left as it is.
/// </summary>
public sealed class CleanTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TextInput.Clean(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
