using FanOut.Core.Webhooks;

namespace FanOut.Core.Access;

/// <summary>
/// One hub's rules (<c>FanOut__Hubs__{name}__*</c>): who may publish, connect, join which groups and
/// read history, and its limits. The entry applies to the hub named by its key, or, when
/// <see cref="Pattern"/> is set, to every hub the pattern matches (exact names win over patterns).
/// </summary>
public sealed class HubPolicyOptions
{
    /// <summary>A hub-name pattern with <c>*</c> wildcards (<c>tenant_*</c>); null: the entry's own name.</summary>
    public string? Pattern { get; set; }

    public PublishPolicyOptions Publish { get; set; } = new();

    public ConnectPolicyOptions Connect { get; set; } = new();

    public JoinPolicyOptions Join { get; set; } = new();

    public HistoryPolicyOptions History { get; set; } = new();

    public HubLimitsOptions Limits { get; set; } = new();

    /// <summary>
    /// Webhook senders that may post to <c>/api/hubs/{hub}/groups/{group}/webhooks/{source}</c>, by source name
    /// (<c>FanOut__Hubs__{hub}__Webhooks__{source}__Kind=github</c>, <c>__Secrets__0</c>, ...).
    /// </summary>
    public Dictionary<string, WebhookSourceOptions> Webhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Members of a group receive <c>$join</c> and <c>$leave</c> when a user joins or leaves it.</summary>
    public bool RoomEvents { get; set; }

    /// <summary>Keep who is in each group and online (<c>presence</c>), in Table storage.</summary>
    public bool Presence { get; set; }
}
