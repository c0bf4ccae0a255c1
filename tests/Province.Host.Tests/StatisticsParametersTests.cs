using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Statistics;

namespace Province.Host.Tests;

/// <summary>The checks and the CSV every statistics endpoint shares (<see cref="StatisticsParameters"/>, <see cref="CsvExport"/>).</summary>
public sealed class StatisticsParametersTests
{
    private static readonly DateOnly March1 = new(2027, 3, 1);
    private static readonly DateOnly March31 = new(2027, 3, 31);

    [Fact]
    public void A_year_outside_2000_to_2100_is_refused_on_to()
    {
        Assert.Null(StatisticsParameters.YearsOutOfRange(March1, March31));
        Assert.Null(StatisticsParameters.YearsOutOfRange(null, null));
        var problem = StatisticsParameters.YearsOutOfRange(new DateOnly(1999, 12, 31), null);
        Assert.NotNull(problem);
        Assert.Equal(["Ngày phải trong khoảng năm 2000 đến 2100."], problem.ProblemDetails.Errors["to"]);
    }

    [Fact]
    public void A_good_period_format_and_table_have_no_errors()
    {
        Assert.Empty(StatisticsParameters.Check(March1, March31, tooLong: false, "366 ngày", null, null, "days"));
        Assert.Empty(StatisticsParameters.Check(March1, March31, tooLong: false, "366 ngày", "csv", "days", "days"));
        Assert.Empty(StatisticsParameters.Check(March1, March1, tooLong: false, "3 năm", "json"));
    }

    [Fact]
    public void A_reversed_or_too_long_period_an_unknown_format_and_another_table_are_each_named()
    {
        var errors = StatisticsParameters.Check(March31, March1, tooLong: false, "36 tháng", "xlsx", "weeks", "months");

        Assert.Equal(["to", "format", "table"], errors.Keys);
        Assert.Equal(["Khoảng thời gian không hợp lệ: từ ngày phải trước đến ngày, tối đa 36 tháng."], errors["to"]);
        Assert.Equal(["Giá trị hợp lệ: json, csv."], errors["format"]);
        Assert.Equal(["Bảng hợp lệ: months."], errors["table"]);
        Assert.Equal(["to"], StatisticsParameters.Check(March1, March31, tooLong: true, "3 năm", "csv").Keys);
    }

    [Fact]
    public void A_CSV_cell_is_quoted_defused_and_numbers_have_a_dot()
    {
        Assert.Equal("\"UBND xã \"\"Tân Ninh\"\"\"", CsvExport.Quote("UBND xã \"Tân Ninh\""));
        Assert.Equal("\"'=1+1\"", CsvExport.Quote("=1+1"));
        Assert.Equal(["\"'+84\"", "\"'-1\"", "\"'@SUM(A1)\""], [CsvExport.Quote("+84"), CsvExport.Quote("-1"), CsvExport.Quote("@SUM(A1)")]);
        Assert.Equal("\"\"", CsvExport.Quote(""));
        Assert.Equal("12345", CsvExport.Number(12345));
        Assert.Equal("2.5", CsvExport.Decimal(2.46));
        Assert.Equal("", CsvExport.Decimal(null));
    }

    [Fact]
    public void The_download_is_UTF8_with_a_byte_order_mark()
    {
        FileContentHttpResult file = CsvExport.Download("Tháng\r\n", "thong-ke.csv");

        Assert.Equal("text/csv; charset=utf-8", file.ContentType);
        Assert.Equal("thong-ke.csv", file.FileDownloadName);
        byte[] expected = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Tháng\r\n")];
        Assert.Equal(expected, file.FileContents.ToArray());
    }
}
