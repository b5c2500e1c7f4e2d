using System.Globalization;
using FanOut.Core;

namespace FanOut.SignalR.Connection;

/// <summary>
/// Reads an Azure SignalR Service connection string: <c>Endpoint</c> and <c>AccessKey</c> are required;
/// <c>Port</c> replaces the endpoint's port (REST and, unless <c>ClientEndpoint</c> is given, clients);
/// <c>ClientEndpoint</c> is where clients connect. Keys are case-insensitive; <c>Version</c> and unknown keys are ignored.
/// </summary>
internal static class ConnectionStringParser
{
    /// <summary>HS256 needs a key of at least 256 bits; Azure's keys are 44 characters.</summary>
    public const int MinAccessKeyLength = 32;

    public static SignalRServiceEndpoint Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var values = Split(connectionString);
        if (!values.TryGetValue("Endpoint", out var endpointText) || !EndpointUris.TryParseHttp(endpointText, out var endpoint))
        {
            throw Invalid("it has no valid Endpoint=http(s)://... entry");
        }

        if (!values.TryGetValue("AccessKey", out var accessKey) || accessKey.Length < MinAccessKeyLength)
        {
            throw Invalid($"its AccessKey is missing or shorter than {MinAccessKeyLength} characters (identity-based settings use {FanOutNames.SignalRConnection}__serviceUri instead)");
        }

        if (values.TryGetValue("Port", out var portText))
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                throw Invalid("its Port is not a number between 1 and 65535");
            }

            endpoint = EndpointUris.WithPort(endpoint, port);
        }

        var client = endpoint;
        if (values.TryGetValue("ClientEndpoint", out var clientText) && !EndpointUris.TryParseHttp(clientText, out client))
        {
            throw Invalid("its ClientEndpoint is not an http(s) URL");
        }

        return new SignalRServiceEndpoint(endpoint, client, accessKey, credential: null);
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid($"the entry '{part.Split('=')[0]}' has no '=' (entries are Key=Value, separated by ';')");
            }

            // An AccessKey is base64 and may end in '=': split at the first '=' only.
            values[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return values;
    }

    private static FormatException Invalid(string why) =>
        new($"The Azure SignalR connection string in '{FanOutNames.SignalRConnection}' is invalid: {why}.");
}
