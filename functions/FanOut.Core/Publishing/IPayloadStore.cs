using FanOut.Core.Messages;

namespace FanOut.Core.Publishing;

/// <summary>Keeps data too large for a queue message (the claim check): written at publish, read at delivery and by history.</summary>
public interface IPayloadStore
{
    /// <summary>Stores <paramref name="data"/> for message <paramref name="messageId"/> and returns its reference (idempotent).</summary>
    Task<string> PutAsync(string hub, string messageId, RawJson data, CancellationToken cancellationToken);

    /// <summary>The data behind <paramref name="reference"/>; null when it is gone (deleted after the retention period).</summary>
    Task<RawJson?> GetAsync(string reference, CancellationToken cancellationToken);
}
