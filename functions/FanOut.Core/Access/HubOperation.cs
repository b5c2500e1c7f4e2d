namespace FanOut.Core.Access;

/// <summary>The operations access rules decide on.</summary>
public enum HubOperation
{
    Connect,
    Publish,
    Join,
    ReadHistory,
}
