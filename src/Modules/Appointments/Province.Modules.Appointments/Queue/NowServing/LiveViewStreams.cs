using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Province.Modules.Appointments.Common;

namespace Province.Modules.Appointments.Queue.NowServing;

/// <summary>
/// Counts the open live-view streams of this instance, in all and per client address, so that no one can hold
/// the server's connections (each stream is a connection and a loop) by opening streams without end.
/// </summary>
internal sealed class LiveViewStreams(IOptions<AppointmentsSettings> settings)
{
    private readonly ConcurrentDictionary<string, int> _perClient = new();
    private readonly Lock _gate = new();
    private int _total;

    /// <summary>A place for one more stream of <paramref name="client"/>, or null when either cap is reached; dispose it when the stream ends.</summary>
    public IDisposable? TryOpen(string client)
    {
        lock (_gate)
        {
            var mine = _perClient.GetValueOrDefault(client);
            if (_total >= settings.Value.LiveViewMaxStreams || mine >= settings.Value.LiveViewMaxStreamsPerClient)
            {
                return null;
            }

            _total++;
            _perClient[client] = mine + 1;
            return new Place(this, client);
        }
    }

    private void Close(string client)
    {
        lock (_gate)
        {
            _total--;
            var left = _perClient.GetValueOrDefault(client) - 1;
            if (left <= 0)
            {
                _perClient.TryRemove(client, out _);
            }
            else
            {
                _perClient[client] = left;
            }
        }
    }

    private sealed class Place(LiveViewStreams streams, string client) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                streams.Close(client);
            }
        }
    }
}
