using FanOut.Api;
using FanOut.Api.Problems;
using FanOut.Core;
using FanOut.Core.Negotiation;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FanOut.Functions.Negotiation;

/// <summary>
/// Negotiate through the SignalRConnectionInfo binding, which signs client tokens with Microsoft
/// Entra ID when the connection is identity-based. The user is the App Service Authentication
/// principal, when there is one.
/// </summary>
public static class NegotiateFunction
{
    [Function(nameof(Negotiate))]
    public static IResult Negotiate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Negotiate)] HttpRequest request,
        string hub,
        [SignalRConnectionInfoInput(HubName = "{hub}", UserId = "{headers.x-ms-client-principal-id}", ConnectionStringSetting = FanOutNames.SignalRConnection)]
        SignalRConnectionInfo connectionInfo) =>
        NameRules.CheckHub(hub) is { } rejection
            ? ProblemResults.From(rejection)
            : TypedResults.Ok(new ClientConnectionInfo(connectionInfo.Url, connectionInfo.AccessToken));
}
