using FanOut.Core.Messages;

namespace FanOut.Core.History;

/// <summary>The envelope as stored, and whether this call stored it (false: it was stored by an earlier attempt).</summary>
public sealed record AppendResult(Envelope Envelope, bool IsNew);
