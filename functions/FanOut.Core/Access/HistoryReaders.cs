namespace FanOut.Core.Access;

/// <summary>Who may read a group's history: publishers always; members of the group; or anyone.</summary>
public enum HistoryReaders
{
    Publishers,
    Members,
    Anyone,
}
