using System.Net;

namespace FanOut.UnitTests.SignalR;

/// <summary>An in-memory HTTP endpoint: records each request (with its body) and answers a fixed status and body.</summary>
internal sealed class RecordingHandler(HttpStatusCode status = HttpStatusCode.Accepted, string answer = "{\"code\":\"x\",\"message\":\"y\"}") : HttpMessageHandler
{
    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.MediaType, body));
        return new HttpResponseMessage(status) { Content = new StringContent(answer) };
    }
}
