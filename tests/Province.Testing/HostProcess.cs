using System.Collections.Concurrent;
using System.Diagnostics;

namespace Province.Testing;

/// <summary>
/// Province as its own operating-system process (<c>dotnet Province.Host.dll</c>, Production environment),
/// so a fault test can kill it with SIGKILL, as the kernel's OOM killer or a pulled plug would, and start
/// it again on the same database and files.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <param name="settings">Configuration as environment variables (<c>Section__Key</c>), on top of the defaults.</param>
    public HostProcess(IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Port = PrivatePostgresCluster.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        // The same defaults as the in-process host, as environment variables ("Section__Key").
        _environment = ProvinceApp.BaseSettings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value ?? "");
        _environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            _environment[key] = value;
        }
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>The last lines the host wrote, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _output.TakeLast(60));

    /// <summary>Starts the host and waits until /health/ready answers 200 (databases migrated and reachable).</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Province.Host.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host was not ready after 90 s:\n{RecentOutput}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, in-flight requests cut.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
