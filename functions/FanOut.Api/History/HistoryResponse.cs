using FanOut.Core.Messages;

namespace FanOut.Api.History;

/// <summary>A page of history: the epoch its offsets belong to, the envelopes, and the <c>after</c> of the next page (null at the end).</summary>
public sealed record HistoryResponse(string? Epoch, IReadOnlyList<Envelope> Messages, long? Next);
