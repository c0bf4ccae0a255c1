namespace Province.BuildingBlocks.Security;

/// <summary>
/// The shape of a bearer token (RFC 6750 <c>b64token</c>: letters, digits, <c>- . _ ~ + /</c>, then <c>=</c> padding),
/// checked before a token is sent anywhere. A token of another shape (non-ASCII, spaces, control characters) cannot be
/// a Zalo token and would make the outgoing request itself fail, which the Zalo client's circuit breaker would count
/// against every citizen: it is refused here, locally.
/// </summary>
public static class BearerTokenSyntax
{
    /// <summary>Zalo's tokens are a few hundred characters; far longer is junk.</summary>
    public const int MaxLength = 2048;

    public static bool IsWellFormed(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return false;
        }

        var padding = token.Length;
        while (padding > 0 && token[padding - 1] == '=')
        {
            padding--;
        }

        if (padding == 0)
        {
            return false;
        }

        foreach (var c in token.AsSpan(0, padding))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
