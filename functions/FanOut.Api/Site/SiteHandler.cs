using FanOut.Api.Problems;
using FanOut.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace FanOut.Api.Site;

/// <summary>
/// Serves the chat page, the dashboard and the client library (see <see cref="SiteFiles"/>), revalidated on
/// every load so an edited file shows at once. Pages use relative links, so they work at <c>/</c> on the local
/// host and under <c>/api/ui/</c> on the Functions host.
/// </summary>
public sealed class SiteHandler(SiteFiles files)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public IResult Handle(HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(path) && request.Path.Value is { Length: > 1 } own && !own.EndsWith('/'))
        {
            // "/api/ui" → "/api/ui/", so the page's relative links resolve under it.
            return TypedResults.Redirect(request.PathBase + own + "/" + request.QueryString);
        }

        if (files.Resolve(path) is not { } file)
        {
            return ProblemResults.From(new Rejection(RejectionCodes.NotFound, "There is no such page or file."));
        }

        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        var contentType = ContentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(file, contentType, lastModified: File.GetLastWriteTimeUtc(file));
    }
}
