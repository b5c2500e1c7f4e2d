using System.Text.Json;
using FanOut.Api;
using FanOut.Core;

namespace FanOut.UnitTests.Functions;

/// <summary>
/// The Functions shell's bindings as the worker SDK generated them (functions.metadata in its build output):
/// the routes and the queue are the shared constants, and no binding holds an expression the host would
/// have to resolve from the request (a <c>{headers.x}</c> that is absent makes the host throw).
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = Load();

    [Theory]
    [InlineData("Publish", ApiRoutes.Messages, "post")]
    [InlineData("History", ApiRoutes.Messages, "get")]
    [InlineData("PublishToHub", ApiRoutes.HubMessages, "post")]
    [InlineData("HubHistory", ApiRoutes.HubMessages, "get")]
    [InlineData("UserHistory", ApiRoutes.UserMessages, "get")]
    [InlineData("AddUserToGroup", ApiRoutes.GroupUser, "put")]
    [InlineData("RemoveUserFromGroup", ApiRoutes.GroupUser, "delete")]
    [InlineData("AddConnectionToGroup", ApiRoutes.GroupConnection, "put")]
    [InlineData("RemoveConnectionFromGroup", ApiRoutes.GroupConnection, "delete")]
    [InlineData("Upstream", ApiRoutes.Upstream, "post")]
    [InlineData("Presence", ApiRoutes.Presence, "get")]
    [InlineData("Webhook", ApiRoutes.Webhook, "post")]
    [InlineData("Negotiate", ApiRoutes.Negotiate, "post")]
    [InlineData("Health", ApiRoutes.Health, "get")]
    [InlineData("Stats", ApiRoutes.AdminStats, "get")]
    [InlineData("PoisonMessages", ApiRoutes.AdminPoison, "get")]
    [InlineData("ReplayPoison", ApiRoutes.AdminPoisonReplay, "post")]
    [InlineData("Site", ApiRoutes.Site, "get")]
    public void HttpFunction_ServesTheSharedRoute(string name, string route, string method)
    {
        var trigger = Binding(name, "httpTrigger");

        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString(), ignoreCase: true);
    }

    [Fact]
    public void Deliver_IsTriggeredByTheDeliveryQueueOfTheStorageConnection()
    {
        var trigger = Binding("Deliver", "queueTrigger");

        Assert.Equal(FanOutNames.DeliveryQueue, trigger.GetProperty("queueName").GetString());
        Assert.Equal(FanOutNames.StorageConnection, trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void NoFunction_HasANameOrRouteTheHostReserves()
    {
        // The Functions host refuses functions whose name or route starts with "admin" or "runtime", even under the "api" prefix.
        foreach (var function in Functions)
        {
            var name = function.GetProperty("name").GetString()!;
            var routes = function.GetProperty("bindings").EnumerateArray()
                .Where(b => b.TryGetProperty("route", out _)).Select(b => b.GetProperty("route").GetString()!);
            foreach (var text in routes.Append(name))
            {
                Assert.False(text.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || text.StartsWith("runtime", StringComparison.OrdinalIgnoreCase), text);
            }
        }
    }

    [Fact]
    public void NoBinding_UsesARequestExpression()
    {
        var routeParameters = new[] { "{hub}", "{group}", "{connectionId}", "{userId}", "{category}", "{event}", "{source}", "{messageId}", "{*path}" };
        foreach (var function in Functions)
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                foreach (var property in binding.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    var text = routeParameters.Aggregate(property.Value.GetString()!, (t, p) => t.Replace(p, "", StringComparison.Ordinal));
                    Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                }
            }
        }
    }

    private static JsonElement Binding(string function, string type) =>
        Functions.Single(f => f.GetProperty("name").GetString() == function)
            .GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == type);

    private static JsonElement[] Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray().Select(f => f.Clone()).ToArray();
    }
}
