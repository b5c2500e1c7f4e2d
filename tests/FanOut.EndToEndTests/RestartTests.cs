using FanOut.Testing.LocalHost;

namespace FanOut.EndToEndTests;

/// <summary>History lives in Table Storage, not in the process.</summary>
public class RestartTests(LocalHostFixture fixture) : IClassFixture<LocalHostFixture>
{
    private const string Hub = "chat";

    [Fact]
    public async Task Restart_KeepsHistory_AndContinuesTheOffsets()
    {
        try
        {
            await RestartScenarioAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{ex.Message}\n--- local host output ---\n{fixture.Host.Output}", ex);
        }
    }

    private async Task RestartScenarioAsync()
    {
        var group = LocalHostFixture.UniqueGroup();
        for (var i = 1; i <= 2; i++)
        {
            (await fixture.PublishAsync(Hub, group, "message", i)).EnsureSuccessStatusCode();
        }

        var before = await fixture.WaitForHistoryAsync(Hub, group, 2);

        await fixture.Host.RestartAsync();
        await using var client = await fixture.ConnectAsync(Hub, targets: "message");
        await client.JoinAsync(group);
        (await fixture.PublishAsync(Hub, group, "message", 3)).EnsureSuccessStatusCode();

        var delivered = await client.WaitForMessageAsync("message", m => m.Arg0.GetProperty("offset").GetInt64() >= 3);
        var after = await fixture.WaitForHistoryAsync(Hub, group, 3);
        Assert.Equal(3, delivered.Arg0.GetProperty("offset").GetInt64());
        Assert.Equal([1L, 2L, 3L], after.GetProperty("messages").EnumerateArray().Select(e => e.GetProperty("offset").GetInt64()));
        Assert.Equal(before.GetProperty("epoch").GetString(), after.GetProperty("epoch").GetString());
    }
}
