using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Province.Simulators.NationalPortal;

/// <summary>
/// Everything the simulated portal remembers: open sessions, synchronised dossiers with their progress, and
/// the log of accepted calls. Tests call it concurrently, so sessions live in a concurrent dictionary and the
/// dossiers and the log change together under one lock: a call is logged exactly when its effect is visible.
/// </summary>
internal sealed class NationalPortalSimulatorState(string userName, string password, TimeProvider clock)
{
    /// <summary>How long a session lasts, in seconds (the portal's <c>expires_in</c>).</summary>
    public const int SessionSeconds = 1800;

    private readonly ConcurrentDictionary<string, DateTimeOffset> sessions = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly Dictionary<string, SimulatedDossier> dossiers = new(StringComparer.Ordinal);
    private readonly List<ReceivedCall> received = [];
    private long sequence;
    private volatile bool down;

    /// <summary>While true, the portal's endpoints answer 503 as a portal behind a failing gateway does.</summary>
    public bool IsDown
    {
        get => down;
        set => down = value;
    }

    /// <summary>A new session for the configured account, or null for wrong (or unconfigured) credentials.</summary>
    public string? OpenSession(string user, string secret)
    {
        // With no account configured nobody signs in, rather than anybody.
        if (userName.Length == 0
            || !string.Equals(user, userName, StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(password)))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        foreach (var (token, expires) in sessions)
        {
            if (expires <= now)
            {
                sessions.TryRemove(token, out _);
            }
        }

        var session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        sessions[session] = now.AddSeconds(SessionSeconds);
        return session;
    }

    public bool IsSessionValid(string? session)
    {
        if (string.IsNullOrEmpty(session) || !sessions.TryGetValue(session, out var expires))
        {
            return false;
        }

        if (clock.GetUtcNow() < expires)
        {
            return true;
        }

        sessions.TryRemove(session, out _);
        return false;
    }

    /// <summary>Runs one authenticated service call and logs it (without its session) when it succeeds.</summary>
    public PortalReply Serve(string service, JsonElement call)
    {
        lock (gate)
        {
            var reply = NationalPortalServices.Handle(service, call, this);
            if (reply.IsSuccess)
            {
                received.Add(new ReceivedCall(++sequence, service, clock.GetUtcNow(), PortalJson.Without(call, "session")));
            }

            return reply;
        }
    }

    /// <summary>What <c>TraCuuHoSo</c> answers for the dossier, or null when it was never synchronised.</summary>
    public JsonObject? LookUpDossier(string maHoSo)
    {
        lock (gate)
        {
            return DossierWithProgress(maHoSo);
        }
    }

    public ReceivedCall[] ReceivedCalls()
    {
        lock (gate)
        {
            return [.. received];
        }
    }

    /// <summary>Forgets the logged calls; sequence numbers keep growing so they stay unique across clears.</summary>
    public void ClearReceived()
    {
        lock (gate)
        {
            received.Clear();
        }
    }

    // The members below are called by NationalPortalServices from Serve, with the gate held.

    internal bool HasDossier(string maHoSo) => dossiers.ContainsKey(maHoSo);

    /// <summary>Keeps the latest element sent for the dossier; its progress survives a re-synchronisation.</summary>
    internal void SaveDossier(string maHoSo, JsonElement dossier)
    {
        if (dossiers.TryGetValue(maHoSo, out var known))
        {
            known.Dossier = dossier;
        }
        else
        {
            dossiers[maHoSo] = new SimulatedDossier(dossier);
        }
    }

    internal void AddProgress(string maHoSo, JsonElement entry) => dossiers[maHoSo].Progress.Add(entry);

    /// <summary>The stored dossier element plus <c>TienDo</c>, its progress entries in arrival order.</summary>
    internal JsonObject? DossierWithProgress(string maHoSo)
    {
        if (!dossiers.TryGetValue(maHoSo, out var known))
        {
            return null;
        }

        // A fresh node per answer: stored elements are immutable, so the copy can leave the lock safely.
        var result = JsonObject.Create(known.Dossier)!;
        result["TienDo"] = new JsonArray([.. known.Progress.Select(static entry => JsonObject.Create(entry))]);
        return result;
    }

    private sealed class SimulatedDossier(JsonElement dossier)
    {
        public JsonElement Dossier { get; set; } = dossier;

        public List<JsonElement> Progress { get; } = [];
    }
}
