namespace FanOut.UnitTests.SignalR;

/// <summary>What <see cref="RecordingHandler"/> saw of one request.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? ContentType, string? Body);
