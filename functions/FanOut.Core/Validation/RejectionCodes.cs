namespace FanOut.Core.Validation;

/// <summary>The stable <c>code</c> values of every problem details response. Never rename one.</summary>
public static class RejectionCodes
{
    public const string InvalidHub = "invalid_hub";
    public const string InvalidGroup = "invalid_group";
    public const string InvalidEvent = "invalid_event";
    public const string InvalidConnectionId = "invalid_connection_id";
    public const string InvalidUserId = "invalid_user_id";
    public const string InvalidQuery = "invalid_query";
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";
    public const string MissingEvent = "missing_event";
    public const string MalformedJson = "malformed_json";
    public const string InvalidEncoding = "invalid_encoding";
    public const string TooDeep = "too_deep";
    public const string UnreadableBody = "unreadable_body";
    public const string RequestTimeout = "request_timeout";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate_limited";
    public const string UnknownHub = "unknown_hub";
    public const string InvalidSignature = "invalid_signature";
    public const string SignatureExpired = "signature_expired";
    public const string UnknownWebhook = "unknown_webhook";
    public const string NotFound = "not_found";
    public const string UnknownConnection = "unknown_connection";
    public const string Unavailable = "unavailable";
}
