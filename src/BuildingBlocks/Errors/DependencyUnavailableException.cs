namespace Province.BuildingBlocks.Errors;

/// <summary>
/// An external system we depend on (Zalo, the national portal, the database) cannot answer now.
/// The host turns it into 503 with Retry-After instead of a 500 or a hang.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    public DependencyUnavailableException()
    {
    }

    public DependencyUnavailableException(string message)
        : base(message)
    {
    }

    public DependencyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DependencyUnavailableException(string dependency, TimeSpan retryAfter, Exception? innerException = null)
        : base($"{dependency} is unavailable.", innerException)
    {
        Dependency = dependency;
        RetryAfter = retryAfter;
    }

    public string Dependency { get; } = "unknown";

    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(30);
}
