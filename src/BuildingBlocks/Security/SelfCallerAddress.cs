using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Province.BuildingBlocks.Security;

/// <summary>
/// The address an anonymous limit counts a request against. Normally the connection's (the proxy's forwarded one when
/// a proxy is configured). The host's own server-side clients (the back office's pages calling the API over its own
/// address) would otherwise spend one shared budget for every person behind them; they send the browser's address in
/// <see cref="ClientHeader"/> with this process's <see cref="Secret"/> in <see cref="SecretHeader"/>, and only then is
/// that address used. The secret is random per process and never leaves it, so nobody outside can claim an address.
/// </summary>
public sealed class SelfCallerAddress
{
    public const string SecretHeader = "X-Province-Self-Caller";
    public const string ClientHeader = "X-Province-Client-Address";

    private readonly byte[] _secret = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Sent by this process's own clients only.</summary>
    public string Secret => Encoding.ASCII.GetString(_secret);

    public string AddressOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers;
        if (headers[SecretHeader] is [{ } given]
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), _secret)
            && IPAddress.TryParse(headers[ClientHeader].ToString(), out var client))
        {
            return client.ToString();
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
