using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;

namespace Province.BuildingBlocks.Statistics;

/// <summary>
/// The parameters every <c>/statistics</c> endpoint checks alike (docs/api-conventions.md, Statistics): a period from..to,
/// <c>format=json|csv</c> and the table a CSV export holds. Each endpoint keeps its own default period and longest one.
/// </summary>
public static class StatisticsParameters
{
    public const string Csv = "csv";

    /// <summary>A year outside 2000..2100 is a typo, not a period to count; the problem names <c>to</c>, as the period's does.</summary>
    public static ValidationProblem? YearsOutOfRange(DateOnly? from, DateOnly? to) =>
        from is { Year: < 2000 or > 2100 } || to is { Year: < 2000 or > 2100 }
            ? Problems.Validation(new Dictionary<string, string[]> { ["to"] = ["Ngày phải trong khoảng năm 2000 đến 2100."] })
            : null;

    /// <summary>
    /// The errors of the period (since after until, or <paramref name="tooLong"/>, said as at most <paramref name="longest"/>)
    /// and of the format; the endpoint adds its own and answers <see cref="Problems.Validation"/> when there are any.
    /// </summary>
    public static Dictionary<string, string[]> Check(DateOnly since, DateOnly until, bool tooLong, string longest, string? format)
    {
        var errors = new Dictionary<string, string[]>();
        if (since > until || tooLong)
        {
            errors["to"] = [$"Khoảng thời gian không hợp lệ: từ ngày phải trước đến ngày, tối đa {longest}."];
        }

        if (format is not (null or "json" or Csv))
        {
            errors["format"] = ["Giá trị hợp lệ: json, csv."];
        }

        return errors;
    }

    /// <summary><see cref="Check(DateOnly, DateOnly, bool, string, string?)"/> for an endpoint of one table: <c>table</c> is that one or none.</summary>
    public static Dictionary<string, string[]> Check(DateOnly since, DateOnly until, bool tooLong, string longest, string? format, string? table, string onlyTable)
    {
        var errors = Check(since, until, tooLong, longest, format);
        if (table is not null && table != onlyTable)
        {
            errors["table"] = [$"Bảng hợp lệ: {onlyTable}."];
        }

        return errors;
    }
}

/// <summary>The cells and the file of a statistics export: RFC 4180, numbers with a dot, UTF-8 with a BOM so that Excel reads the Vietnamese.</summary>
public static class CsvExport
{
    /// <summary>A quoted text cell; a leading = + - @ is prefixed so that a spreadsheet never runs a name as a formula.</summary>
    public static string Quote(string text)
    {
        var safe = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One decimal (a rate, an average); empty when there is nothing to average.</summary>
    public static string Decimal(double? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The bytes of <paramref name="csv"/> behind a byte order mark.</summary>
    public static byte[] Utf8WithBom(string csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];

    /// <summary>The download of an export, named <paramref name="fileName"/>.</summary>
    public static FileContentHttpResult Download(string csv, string fileName) =>
        TypedResults.File(Utf8WithBom(csv), "text/csv; charset=utf-8", fileName);
}
