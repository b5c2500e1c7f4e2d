namespace FanOut.Storage.Tables;

/// <summary>How a write treats properties the entity already has: keep those not sent (merge) or drop them (replace).</summary>
public enum TableUpdateMode
{
    Merge,
    Replace,
}
