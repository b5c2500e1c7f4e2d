using System.Collections.Concurrent;
using FanOut.Core.Messages;
using FanOut.Core.Publishing;

namespace FanOut.UnitTests.Core;

/// <summary>An in-memory claim-check store.</summary>
internal sealed class FakePayloadStore : IPayloadStore
{
    public ConcurrentDictionary<string, RawJson> Payloads { get; } = new();

    public Task<string> PutAsync(string hub, string messageId, RawJson data, CancellationToken cancellationToken)
    {
        Payloads[$"{hub}/{messageId}"] = data;
        return Task.FromResult($"{hub}/{messageId}");
    }

    public Task<RawJson?> GetAsync(string reference, CancellationToken cancellationToken) =>
        Task.FromResult(Payloads.TryGetValue(reference, out var data) ? data : null);
}
