using System.Diagnostics;

namespace FanOut.Core.Diagnostics;

/// <summary>
/// The service's spans on the <c>FanOut</c> activity source. A publish is a producer span whose context
/// travels in the queue message (<see cref="Messages.QueuedMessage.TraceParent"/>); its delivery is a
/// consumer span in the same trace, linked to whatever trigger span the host started.
/// </summary>
public static class FanOutTracing
{
    public const string SourceName = "FanOut";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartPublish(string hub, string messageId)
    {
        var activity = Source.StartActivity($"publish {hub}", ActivityKind.Producer);
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.message.id", messageId);
        activity?.SetTag("fanout.hub", hub);
        return activity;
    }

    /// <summary>A delivery span in the publisher's trace when <paramref name="traceParent"/> is a W3C traceparent.</summary>
    internal static Activity? StartDelivery(string hub, string messageId, string? traceParent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var trigger = Activity.Current;
        ActivityLink[]? links = trigger is null ? null : [new ActivityLink(trigger.Context)];
        var activity = ActivityContext.TryParse(traceParent, null, isRemote: true, out var publisher)
            ? Source.StartActivity($"deliver {hub}", ActivityKind.Consumer, publisher, links: links)
            : Source.StartActivity($"deliver {hub}", ActivityKind.Consumer);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.message.id", messageId);
        activity?.SetTag("fanout.hub", hub);
        return activity;
    }

    internal static void Failed(Activity? activity, Exception error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity?.AddException(error);
    }
}
