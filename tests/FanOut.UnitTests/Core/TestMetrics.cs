using System.Diagnostics.Metrics;
using FanOut.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace FanOut.UnitTests.Core;

internal static class TestMetrics
{
    private static readonly IMeterFactory Factory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static FanOutMetrics Create() => new(Factory);
}
