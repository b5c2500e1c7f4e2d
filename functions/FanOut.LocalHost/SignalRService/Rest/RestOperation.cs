namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>The data-plane REST operations the stand-in implements.</summary>
internal enum RestOperation
{
    Health,
    SendToHub,
    SendToGroup,
    SendToUser,
    SendToConnection,
    Connection,
    GroupConnection,
    UserGroup,
    GenerateToken,
}
