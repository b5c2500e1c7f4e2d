namespace FanOut.UnitTests.SignalR;

internal static class TestKeys
{
    public const string AccessKey = "UNIT-TEST-ACCESS-KEY-0123456789abcdefghijklmnopqrstuv";

    public const string OtherKey = "OTHER-TEST-ACCESS-KEY-0123456789abcdefghijklmnopqrstu";

    public const string ConnectionString = "Endpoint=https://fanout.service.signalr.net;AccessKey=" + AccessKey + ";Version=1.0;";
}
