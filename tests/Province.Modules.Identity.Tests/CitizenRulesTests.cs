using Province.Modules.Identity.Citizens.UpdateMyProfile;
using Province.Modules.Identity.Citizens.VerifyPhoneNumber;

namespace Province.Modules.Identity.Tests;

public sealed class CitizenRulesTests
{
    [Theory]
    [InlineData("072085001234", true)]
    [InlineData("001203004567", true)]
    [InlineData("096199000001", true)]
    [InlineData("000085001234", false)] // province code 000 does not exist
    [InlineData("097085001234", false)] // nor does 097
    [InlineData("07208500123", false)]
    [InlineData("07208500123a", false)]
    public void A_CCCD_number_has_12_digits_and_a_real_province_code(string number, bool wellFormed) =>
        Assert.Equal(wellFormed, CitizenIdNumber.IsWellFormed(number));

    [Theory]
    [InlineData("072085001234", 1985, true)]  // 0: male, 1900s
    [InlineData("072185001234", 1985, true)]  // 1: female, 1900s
    [InlineData("072203001234", 2003, true)]  // 2: male, 2000s
    [InlineData("072303001234", 2003, true)]
    [InlineData("072085001234", 2085, false)]
    [InlineData("072203001234", 1903, false)]
    public void Digits_4_to_6_encode_the_birth_year(string number, int year, bool matches) =>
        Assert.Equal(matches, CitizenIdNumber.MatchesBirthYear(number, new DateOnly(year, 6, 1)));

    [Theory]
    [InlineData("84912345678", "0912345678")]
    [InlineData("84387654321", "0387654321")]
    [InlineData("0912345678", null)]
    [InlineData("8491234567", null)]
    [InlineData("+84912345678", null)]
    [InlineData(null, null)]
    public void Zalo_numbers_become_local_numbers(string? international, string? local) =>
        Assert.Equal(local, VerifyPhoneNumberHandler.ToLocalNumber(international));
}
