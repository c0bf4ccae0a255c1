using System.Text.Json;

namespace Province.Testing;

/// <summary>
/// Waits for something asynchronous (an event relayed, a watcher's scan) to become true. At its deadline it fails,
/// saying what it last saw: a wait that returned quietly would let the assertion after it pass on stale data.
/// </summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? waitingFor = null)
    {
        // Generous: the whole suite runs in parallel on two cores, beside fault tests that load the machine.
        var limit = timeout ?? TimeSpan.FromSeconds(45);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Waited {limit.TotalSeconds:0.#} s{(waitingFor is null ? "" : " for " + waitingFor)}; the last value seen was: {Describe(value)}");
            }

            await Task.Delay(50);
        }
    }

    private static string Describe<T>(T value)
    {
        var text = value switch
        {
            null => "null",
            JsonElement json => json.GetRawText(),
            string s => '"' + s + '"',
            _ => value.ToString() ?? "",
        };
        return text.Length > 2000 ? text[..2000] + "…" : text;
    }
}
