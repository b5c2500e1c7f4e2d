namespace FanOut.LocalHost.SignalRService.Rest;

/// <summary>The data-plane REST operations the stand-in implements.</summary>
internal enum RestOperation
{
    Health,
    SendToHub,
    SendToGroup,
    GroupConnection,
    GenerateToken,
}
