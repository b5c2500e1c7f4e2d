using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>The local host with a short presence sweep, so missed disconnects are found within seconds.</summary>
public sealed class RoomsFixture : LocalHostFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["FanOut__PresenceSweepInterval"] = "00:00:02",
    };
}
