namespace FanOut.Api.Publishing;

/// <summary>The 202 answer: the message's id and where it goes. Its offset is assigned at delivery.</summary>
public sealed record PublishResponse(string Id, string Hub, string Group);
