using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Province.BuildingBlocks.Text;

namespace Province.Modules.FieldReports.Open311;

/// <summary>
/// Writes GeoReport v2 answers in the format the URL asks for (<c>.json</c> or <c>.xml</c>), with the
/// spec's element names: a list of objects becomes <c>&lt;{list}&gt;&lt;{item}&gt;...</c> in XML.
/// </summary>
internal static class Open311Format
{
    public static IResult Write(string format, string list, string item, IEnumerable<IReadOnlyDictionary<string, object?>> rows, int status = StatusCodes.Status200OK)
    {
        var materialized = rows.ToList();
        if (format == "xml")
        {
            var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
                new XElement(list, materialized.Select(row => new XElement(item, row.Select(field => ToXml(field.Key, field.Value))))));
            return Results.Text(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8", statusCode: status);
        }

        return Results.Json(materialized, statusCode: status);
    }

    /// <summary>The spec's error shape: <c>[{ "code": 400, "description": "..." }]</c> / <c>&lt;errors&gt;&lt;error&gt;</c>.</summary>
    public static IResult Error(string format, int status, string description) =>
        Write(format, "errors", "error", [new Dictionary<string, object?> { ["code"] = status, ["description"] = description }], status);

    /// <summary>ISO 8601 with the offset, in Vietnam's time.</summary>
    public static string Date(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static XElement ToXml(string name, object? value) => value switch
    {
        null => new XElement(name),
        bool flag => new XElement(name, flag ? "true" : "false"),
        IEnumerable<IReadOnlyDictionary<string, object?>> children => new XElement(name, children.Select(c => new XElement(name.TrimEnd('s'), c.Select(f => ToXml(f.Key, f.Value))))),
        IFormattable number => new XElement(name, number.ToString(null, CultureInfo.InvariantCulture)),
        JsonElement element => new XElement(name, TextInput.ForXml(element.ToString())),
        // Stored text may predate the cleaning at the edge: what XML cannot carry is dropped, never a 500 for everyone.
        _ => new XElement(name, TextInput.ForXml(value.ToString() ?? "")),
    };
}
