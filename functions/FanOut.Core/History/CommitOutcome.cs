namespace FanOut.Core.History;

/// <summary>What happened to one attempt to commit a message and the advanced head together.</summary>
public enum CommitOutcome
{
    /// <summary>The message row and the new head were stored atomically.</summary>
    Committed,

    /// <summary>Another delivery moved the head first; nothing was stored. Read the head again.</summary>
    HeadChanged,

    /// <summary>The message id is already in this group's history (a redelivery); nothing was stored.</summary>
    AlreadyStored,
}
