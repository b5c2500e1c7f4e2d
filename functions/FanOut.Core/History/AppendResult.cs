using FanOut.Core.Messages;

namespace FanOut.Core.History;

/// <summary>A message as stored, and whether this commit stored it (false: an earlier attempt did, and it keeps that offset).</summary>
public sealed record AppendResult(Envelope Envelope, bool IsNew);
