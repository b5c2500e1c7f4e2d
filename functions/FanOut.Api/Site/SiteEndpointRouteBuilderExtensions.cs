using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FanOut.Api.Site;

public static class SiteEndpointRouteBuilderExtensions
{
    /// <summary>The local host's site: the chat page at <c>/</c>, the dashboard at <c>/dashboard</c>, their files under <c>/app/</c> and <c>/lib/</c>.</summary>
    public static IEndpointRouteBuilder MapClientSite(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpRequest r, SiteHandler h) => h.Handle(r, "")).WithName("ChatPage");
        endpoints.MapGet("/dashboard", (HttpRequest r, SiteHandler h) => h.Handle(r, "dashboard")).WithName("DashboardPage");
        endpoints.MapGet("/app/{**path}", (HttpRequest r, string path, SiteHandler h) => h.Handle(r, "app/" + path)).WithName("PageFiles");
        endpoints.MapGet("/lib/{**path}", (HttpRequest r, string path, SiteHandler h) => h.Handle(r, "lib/" + path)).WithName("ClientLibrary");
        return endpoints;
    }
}
