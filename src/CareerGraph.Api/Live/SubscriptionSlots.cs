using CareerGraph.Api.Security;

namespace CareerGraph.Api.Live;

/// <summary>Counts open subscription streams, per client address and in total, against the configured limits.</summary>
internal sealed class SubscriptionSlots(LimitOptions limits)
{
    private readonly Dictionary<string, int> _byClient = [];
    private int _total;

    /// <summary>A slot held until disposed, or null when the client or the service already holds as many as allowed.</summary>
    public IDisposable? TryTake(string client)
    {
        var allowed = limits.Subscriptions;
        lock (_byClient)
        {
            var held = _byClient.GetValueOrDefault(client);
            if (held >= allowed.PerClient || _total >= allowed.Total) return null;
            _byClient[client] = held + 1;
            _total++;
        }
        return new Slot(this, client);
    }

    private void Release(string client)
    {
        lock (_byClient)
        {
            _total--;
            if (--_byClient[client] == 0) _byClient.Remove(client);
        }
    }

    private sealed class Slot(SubscriptionSlots slots, string client) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release(client);
        }
    }
}
