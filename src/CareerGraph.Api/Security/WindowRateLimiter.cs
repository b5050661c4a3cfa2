using System.Diagnostics;
using System.Threading.RateLimiting;

namespace CareerGraph.Api.Security;

/// <summary>
/// One client's fixed window (System.Threading.RateLimiting's own limiter, replenished by its own timer from the
/// moment it is created) whose refusals carry the time left in the current window as their Retry-After, where the
/// library's say the whole window.
/// </summary>
internal sealed class WindowRateLimiter(int permitLimit, TimeSpan window) : RateLimiter
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly FixedWindowRateLimiter _window = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permitLimit,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    /// <summary>Time until the current window ends and the permits come back.</summary>
    public TimeSpan TimeLeft
    {
        get
        {
            var elapsed = Stopwatch.GetElapsedTime(_started).Ticks % window.Ticks;
            return TimeSpan.FromTicks(window.Ticks - elapsed);
        }
    }

    public override TimeSpan? IdleDuration => _window.IdleDuration;
    public override RateLimiterStatistics? GetStatistics() => _window.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => WithTimeLeft(_window.AttemptAcquire(permitCount));

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        WithTimeLeft(await _window.AcquireAsync(permitCount, cancellationToken));

    private RateLimitLease WithTimeLeft(RateLimitLease lease) => lease.IsAcquired ? lease : new Refusal(lease, TimeLeft);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _window.Dispose();
        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => _window.DisposeAsync();

    private sealed class Refusal(RateLimitLease inner, TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;
        public override IEnumerable<string> MetadataNames => inner.MetadataNames.Append(MetadataName.RetryAfter.Name).Distinct();

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retryAfter;
                return true;
            }
            return inner.TryGetMetadata(metadataName, out metadata);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
