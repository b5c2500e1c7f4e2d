using Microsoft.Extensions.Options;

namespace FanOut.Core.Access;

/// <summary>Refuses to start with a hub whose settings cannot work (a webhook source without its secret, a bad pattern).</summary>
public sealed class AccessOptionsValidation : IValidateOptions<FanOutAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, FanOutAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (hub, policy) in options.Hubs)
        {
            errors.AddRange(policy.Webhooks.SelectMany(source => source.Value.Validate().Select(e => $"FanOut__Hubs__{hub}__Webhooks__{source.Key}: {e}")));
            if (policy.Limits.HistoryRetention is { } retention && retention < TimeSpan.FromMinutes(10))
            {
                errors.Add($"FanOut__Hubs__{hub}__Limits__HistoryRetention: {retention} is shorter than redelivery takes; keep at least 00:10:00.");
            }

            if (policy.Pattern is { } pattern && (pattern.Length == 0 || pattern.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '*'))))
            {
                errors.Add($"FanOut__Hubs__{hub}__Pattern: '{pattern}' may hold only letters, digits, '_' and '*'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
