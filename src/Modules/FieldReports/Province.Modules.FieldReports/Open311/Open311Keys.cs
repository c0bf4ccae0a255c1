using System.Security.Cryptography;
using System.Text;

namespace Province.Modules.FieldReports.Open311;

/// <summary>Open311 api_keys are kept only as SHA-256 hashes.</summary>
internal static class Open311Keys
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
