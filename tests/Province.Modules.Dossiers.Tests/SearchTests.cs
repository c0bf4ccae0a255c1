namespace Province.Modules.Dossiers.Tests;

/// <summary>A catalog of 2,000+ procedures searched the way people type on a phone.</summary>
public sealed class SearchTests(SearchTests.LargeCatalog app) : IClassFixture<SearchTests.LargeCatalog>
{
    /// <summary>The demo catalog plus 2,000 generated procedures.</summary>
    public sealed class LargeCatalog : ProvinceApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Dossiers:GeneratedProcedures"] = "2000" };
    }

    [Theory]
    [InlineData("dang ky khai sinh", "1.001193")]
    [InlineData("Đăng ký khai sinh", "1.001193")]
    [InlineData("đang ky khai sinh", "1.001193")] // A mark typed on the wrong letter.
    [InlineData("DANG KY KET HON", "1.000894")]
    [InlineData("1.001193", "1.001193")]
    public async Task The_real_procedure_ranks_first_however_it_is_typed(string query, string expectedCode)
    {
        using var client = app.CreateClient();

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/public/dossiers/procedures?q={Uri.EscapeDataString(query)}&pageSize=5");

        Assert.Equal(expectedCode, page.GetProperty("items")[0].GetProperty("code").GetString());
        Assert.True(page.GetProperty("total").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_field_typed_without_diacritics_finds_only_that_field_paged()
    {
        using var client = app.CreateClient();

        var first = await client.GetFromJsonAsync<JsonElement>("/api/public/dossiers/procedures?q=ho%20tich&pageSize=20");
        var second = await client.GetFromJsonAsync<JsonElement>("/api/public/dossiers/procedures?q=ho%20tich&pageSize=20&page=2");

        Assert.True(first.GetProperty("total").GetInt32() > 40);
        Assert.Equal(20, first.GetProperty("items").GetArrayLength());
        Assert.All(first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()),
            item => Assert.Contains("tịch", item.GetProperty("field").GetString() + " " + item.GetProperty("name").GetString(), StringComparison.OrdinalIgnoreCase));
        Assert.Empty(first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString())
            .Intersect(second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString())));
    }

    [Fact]
    public async Task The_catalog_holds_the_real_procedures_and_the_generated_ones_by_field()
    {
        using var client = app.CreateClient();

        var fields = await client.GetFromJsonAsync<JsonElement>("/api/public/dossiers/fields");
        var all = await client.GetFromJsonAsync<JsonElement>("/api/public/dossiers/procedures?pageSize=1");
        var filtered = await client.GetFromJsonAsync<JsonElement>("/api/public/dossiers/procedures?field=Xay%20dung&pageSize=100");

        Assert.True(all.GetProperty("total").GetInt32() >= 2040);
        Assert.True(fields.GetProperty("items").GetArrayLength() >= 5);
        Assert.Equal(fields.GetProperty("items").GetArrayLength(), fields.GetProperty("total").GetInt32());
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Equal("Xây dựng", i.GetProperty("field").GetString()));
        Assert.NotEqual(0, filtered.GetProperty("total").GetInt32());
    }
}
