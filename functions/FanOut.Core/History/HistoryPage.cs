using FanOut.Core.Messages;

namespace FanOut.Core.History;

/// <summary>
/// One page of a group's history in ascending offset order. <see cref="Next"/> is the offset to
/// pass as <c>after</c> for the next page, or null when this page reaches the end.
/// </summary>
public sealed record HistoryPage(string? Epoch, IReadOnlyList<Envelope> Messages, long? Next);
