using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Province.BuildingBlocks.Files;

/// <summary>
/// Where uploaded documents live. Modules keep only the key; a province can swap the local disk for
/// object storage by registering another implementation.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the bytes under a new random key (never a name the client chose) and returns the key.</summary>
    Task<string> SaveAsync(string area, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Opens a stored file, or null when the key is unknown.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>
/// Files on the local disk under <c>Files:Directory</c> (relative to the content root; default
/// <c>data/files</c>). Names are random hex without extension and are never served as static files,
/// so nothing uploaded can be executed or interpreted by the web server.
/// </summary>
public sealed class LocalDiskFileStore : IFileStore
{
    private readonly string _root;

    public LocalDiskFileStore(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var directory = configuration["Files:Directory"] ?? "data/files";
        if (!Path.IsPathRooted(directory))
        {
            directory = Path.Combine(configuration[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory(), directory);
        }

        _root = Path.GetFullPath(directory);
        Directory.CreateDirectory(_root);
    }

    public async Task<string> SaveAsync(string area, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(area) || !area.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            throw new ArgumentException("The area is a lower-case folder name.", nameof(area));
        }

        var key = $"{area}/{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))}";
        var path = PathOf(key)!;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write to a temporary name and rename: a crash never leaves a half file under a valid key.
        var temporary = path + ".partial";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        File.Move(temporary, path);
        return key;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(path is not null && File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true)
            : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (path is not null && File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    /// <summary>Null for anything that is not a key we issued (no "..", no rooted paths).</summary>
    private string? PathOf(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return null;
        }

        return Path.Combine(_root, parts[0], parts[1]);
    }
}
