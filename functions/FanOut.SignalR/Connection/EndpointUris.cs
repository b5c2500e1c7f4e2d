namespace FanOut.SignalR.Connection;

/// <summary>Small URI helpers shared by the endpoint parsers.</summary>
internal static class EndpointUris
{
    public static Uri TrimTrailingSlash(Uri uri)
    {
        var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text, UriKind.Absolute);
    }

    public static Uri WithPort(Uri uri, int port) => new UriBuilder(uri) { Port = port }.Uri;

    public static bool TryParseHttp(string? value, out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        uri = parsed;
        return true;
    }
}
