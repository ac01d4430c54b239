using System.Collections.Immutable;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Vanta.Core.Domain;
using Vanta.Http.Conditional;
using Vanta.Http.Pipeline;
using Vanta.Http.RateLimiting;

namespace Vanta.Http;

/// <summary>
/// The one polite HTTP pipeline: per-source User-Agent, a shared per-host (or per-scope) rate limit,
/// conditional requests, bounded retries with seeded jitter that honour Retry-After, per-attempt and
/// total timeouts, a body size limit and non-data detection. Every document goes to the sink before
/// <see cref="FetchAsync"/> returns it. Time (fetch stamps, waits, timeouts) comes from the injected clock.
/// </summary>
public sealed class PoliteHttpClient
{
    private static readonly ResiliencePropertyKey<List<FetchAttempt>> AttemptsKey = new("vanta.attempts");

    private readonly HttpSourcePolicy _policy;
    private readonly TimeProvider _time;
    private readonly IRawDocumentSink _sink;
    private readonly IValidatorStore _validators;
    private readonly AttemptSender _sender;
    private readonly ResiliencePipeline<AttemptOutcome> _pipeline;

    public PoliteHttpClient(
        HttpSourcePolicy policy,
        HttpClient http,
        TimeProvider time,
        IRawDocumentSink sink,
        HostRateLimiters limiters,
        IValidatorStore? validators = null)
    {
        _policy = policy;
        _time = time;
        _sink = sink;
        _validators = validators ?? new InMemoryValidatorStore();
        var attemptTimeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(policy.AttemptTimeout).Build();
        _sender = new AttemptSender(policy, http, limiters, _validators, new ResponseClassifier(policy, time), attemptTimeout);
        _pipeline = BuildPipeline(policy, time);
    }

    /// <summary>The policy this client applies.</summary>
    public HttpSourcePolicy Policy => _policy;

    /// <summary>Fetches <paramref name="request"/>; throws only when <paramref name="cancellationToken"/> is cancelled or the sink fails.</summary>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        var secrets = request.Secrets.AddRange(request.Headers.Where(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value));
        var shownUri = SecretMasker.MaskText(SecretMasker.MaskQuery(request.Uri, _policy.SecretQueryParameters), secrets);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var attempts = new List<FetchAttempt>();
        context.Properties.Set(AttemptsKey, attempts);
        try
        {
            var outcome = await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    var result = await state.Sender.SendAsync(state.Request, state.Key, ctx.CancellationToken).ConfigureAwait(false);
                    state.Attempts.Add(new FetchAttempt(state.Attempts.Count + 1, result.Status, result.Label));
                    return result;
                },
                context,
                (Sender: _sender, Request: request, Key: shownUri, Attempts: attempts)).ConfigureAwait(false);
            return await CompleteAsync(request, shownUri, secrets, outcome, attempts, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            attempts.Add(new FetchAttempt(attempts.Count + 1, null, nameof(FetchFailureKind.Timeout)));
            var reason = $"timed out after {ex.Timeout.TotalSeconds:0.###} s (attempt limit {_policy.AttemptTimeout.TotalSeconds:0.###} s, total limit {_policy.TotalTimeout.TotalSeconds:0.###} s)";
            return new FetchResult.Failed(new FetchFailure(FetchFailureKind.Timeout, FailureClass.Retryable, reason, shownUri), attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<FetchResult> CompleteAsync(
        FetchRequest request, string shownUri, ImmutableArray<string> secrets, AttemptOutcome outcome, List<FetchAttempt> attempts, CancellationToken cancellationToken)
    {
        if (outcome.IsFailure)
        {
            var reason = SecretMasker.MaskText($"{_policy.Name}: {outcome.Reason} ({attempts.Count} attempt(s))", secrets);
            var failure = new FetchFailure(outcome.FailureKind!.Value, outcome.FailureClass!.Value, reason, shownUri, outcome.Status, outcome.RetryAfter);
            return new FetchResult.Failed(failure, attempts);
        }
        if (outcome.NotModified)
            return new FetchResult.NotModified(shownUri, outcome.Headers, attempts);

        var document = RawDocument.Of(request.Source, shownUri, outcome.MediaType ?? "application/octet-stream", _time.GetUtcNow(), outcome.Body!);
        if (!request.Confidential)
        {
            // Journal first: nothing may be parsed or acted on that was not recorded.
            await _sink.AcceptAsync(document, cancellationToken).ConfigureAwait(false);
            var validators = new CacheValidators(outcome.Headers.GetValueOrDefault("etag"), outcome.Headers.GetValueOrDefault("last-modified"));
            if (_policy.ConditionalRequests && validators.Any)
                _validators.Put(shownUri, validators);
        }
        return new FetchResult.Fetched(document, outcome.Status!.Value, outcome.Headers, attempts);
    }

    private static ResiliencePipeline<AttemptOutcome> BuildPipeline(HttpSourcePolicy policy, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = time }.AddTimeout(policy.TotalTimeout);
        if (policy.Retry.MaxRetries <= 0)
            return builder.Build();
        var retry = policy.Retry;
        var jitter = new Random(retry.JitterSeed);
        var jitterGate = new Lock();
        return builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
        {
            MaxRetryAttempts = retry.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            Randomizer = () =>
            {
                // Random is not thread-safe and fetches run concurrently.
                lock (jitterGate)
                    return jitter.NextDouble();
            },
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: TimeoutRejectedException } => !args.Context.CancellationToken.IsCancellationRequested,
                { Result: { FailureClass: FailureClass.Retryable } r } => r.RetryAfter is not { } wait || wait <= retry.MaxRetryAfter,
                _ => false,
            }),
            // A server's Retry-After is honoured exactly; jittered backoff only when it gave none.
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(AttemptsKey, out var attempts))
                {
                    if (args.Outcome.Exception is TimeoutRejectedException)
                        attempts.Add(new FetchAttempt(attempts.Count + 1, null, nameof(FetchFailureKind.Timeout)));
                    attempts[^1] = attempts[^1] with { DelayAfter = args.RetryDelay };
                }
                return ValueTask.CompletedTask;
            },
        }).Build();
    }
}
