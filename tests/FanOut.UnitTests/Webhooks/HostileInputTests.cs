using FanOut.Core.Validation;
using System.Text;
using FanOut.Core.Webhooks;
using FanOut.UnitTests.SignalR;

namespace FanOut.UnitTests.Webhooks;

/// <summary>Whatever a request carries, verification answers with a rejection code and never throws.</summary>
public class HostileInputTests
{
    private const long Now = 1_700_000_000;

    private static readonly string[] Garbage =
    [
        new('a', 1_000_000),
        new(',', 100_000),
        new(' ', 100_000),
        string.Concat(Enumerable.Repeat("v1=", 10_000)),
        string.Concat(Enumerable.Repeat("v1,AAAA ", 10_000)),
        "t=1700000000," + string.Concat(Enumerable.Repeat("v1=" + new string('0', 64) + ",", 120)),
        "\0\u0001\u007f\uffff\ud800",
        "sha256=" + new string('f', 100_000),
        "=",
        "t==1,v1==",
    ];

    public static TheoryData<WebhookSourceKind> Kinds() => [WebhookSourceKind.GitHub, WebhookSourceKind.Stripe, WebhookSourceKind.Standard, WebhookSourceKind.Generic];

    public static TheoryData<byte[]> Bodies() =>
    [
        [],
        [0xff, 0xfe, 0x00, 0xc3, 0x28],
        Encoding.UTF8.GetBytes(new string('[', 100_000)),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 1_000)) + "1" + new string('}', 1_000)),
        Encoding.UTF8.GetBytes("{\"type\":\"\\ud800\",\"action\":\"\\ud800\"}"),
        [(byte)'{', (byte)'"', (byte)'t', (byte)'y', (byte)'p', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xc3, 0x28, (byte)'"', (byte)'}'],
        Encoding.UTF8.GetBytes("{\"type\":\"a\"}{\"type\":\"b\"}"),
        Encoding.UTF8.GetBytes("{\"type\":\"a\",}"),
        Encoding.UTF8.GetBytes("/* c */{\"type\":\"a\"}"),
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Verify_GarbageInEveryHeader_IsRefusedWithoutThrowing(WebhookSourceKind kind)
    {
        foreach (var value in Garbage)
        {
            var result = Verifier().Verify(Signed(kind), _ => value, "{\"type\":\"a\"}"u8);

            Assert.Equal(RejectionCodes.InvalidSignature, result.Rejected?.Code);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Verify_NoHeadersAtAll_IsInvalidSignature(WebhookSourceKind kind) =>
        WebhookAssert.InvalidSignature(Verifier().Verify(Signed(kind), _ => null, "{}"u8));

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Verify_CorrectlySignedStripeGarbageBody_IsMissingEvent(byte[] body)
    {
        var header = $"t={Now},v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "whsec_c2VjcmV0"u8, [.. Encoding.ASCII.GetBytes($"{Now}."), .. body]));

        var result = Verifier().Verify(Signed(WebhookSourceKind.Stripe), name => name == "Stripe-Signature" ? header : null, body);

        WebhookAssert.MissingEvent(result);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Verify_CorrectlySignedGitHubGarbageBody_IsMissingEvent(byte[] body)
    {
        var header = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("whsec_c2VjcmV0"u8, body));

        var result = Verifier().Verify(Signed(WebhookSourceKind.GitHub), name => name switch
        {
            "X-Hub-Signature-256" => header,
            "X-GitHub-Event" => "push",
            _ => null,
        }, body);

        WebhookAssert.MissingEvent(result);
    }

    [Fact]
    public void Verify_EventHeaderOfAMegabyte_IsMissingEvent()
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.Generic, EventHeader = "X-Event" };

        WebhookAssert.MissingEvent(Verifier().Verify(source, _ => new string('e', 1_000_000), "{}"u8));
    }

    [Fact]
    public void Verify_EventHeaderJustUnderTheLimit_IsInvalidEvent()
    {
        var source = new WebhookSourceOptions { Kind = WebhookSourceKind.Generic, EventHeader = "X-Event" };

        var result = Verifier().Verify(source, _ => new string('e', WebhookHeaders.MaxLength), "{}"u8);

        WebhookAssert.InvalidEvent(result);
        Assert.True(result.Rejected!.Detail.Length < 400, "the detail echoes at most a short prefix of the event");
    }

    private static WebhookVerifier Verifier() => new(new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)));

    private static WebhookSourceOptions Signed(WebhookSourceKind kind)
    {
        var source = new WebhookSourceOptions { Kind = kind };
        source.Secrets.Add("whsec_c2VjcmV0"); // a Stripe-style secret that is also valid base64
        if (kind == WebhookSourceKind.Generic)
        {
            source.SignatureHeader = "X-Signature";
            source.EventHeader = "X-Event";
        }

        return source;
    }
}
