using FanOut.Core.Publishing;

namespace FanOut.Api.Publishing;

/// <summary>
/// The 202 answer: the message's id and where it goes (<c>group</c>: the first or only stream; <c>groups</c>:
/// every stream, for a message to several groups). Offsets are assigned at delivery.
/// </summary>
public sealed record PublishResponse(
    string Id,
    string Hub,
    string Group,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Groups)
{
    public static PublishResponse From(PublishReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new(receipt.Id, receipt.Hub, receipt.Group, receipt.Targets.Count > 1 ? receipt.Targets : null);
    }
}
