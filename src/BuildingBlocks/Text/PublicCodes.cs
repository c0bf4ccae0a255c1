using System.Security.Cryptography;

namespace Province.BuildingBlocks.Text;

/// <summary>
/// Short random codes people read aloud or type (a booking "LH7K2M9QX", a report "PA-7K2M9QXA"):
/// no 0/O or 1/I/L to confuse, random so they cannot be guessed in order. Unique indexes back them.
/// </summary>
public static class PublicCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New(string prefix, int length = 8) => prefix + RandomNumberGenerator.GetString(Alphabet, length);
}
