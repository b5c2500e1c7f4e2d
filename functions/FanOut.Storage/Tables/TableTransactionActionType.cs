namespace FanOut.Storage.Tables;

/// <summary>The operations an entity group transaction may contain.</summary>
public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}
