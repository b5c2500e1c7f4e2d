namespace FanOut.LocalHost.Rooms;

public static class PresenceSweepHostingExtensions
{
    /// <summary>The periodic presence sweep (see <see cref="PresenceSweepService"/>).</summary>
    public static WebApplicationBuilder AddPresenceSweep(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<PresenceSweepService>();
        return builder;
    }
}
