namespace FanOut.Core.Access;

/// <summary>Who may read a group's history.</summary>
public sealed class HistoryPolicyOptions
{
    public HistoryReaders Readers { get; set; } = HistoryReaders.Members;
}
