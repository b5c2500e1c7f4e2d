// The shape of one hub's policy (FanOut__Hubs__{hub}__*), as Bicep types: the same properties as
// functions/FanOut.Core/Access/HubPolicyOptions.cs, its sections and WebhookSourceOptions.cs
// (tests/node/infra/names.test.mjs keeps the two equal). main.bicep imports these types and flattens a policy into app settings.
// Sealed: a misspelt option fails the deployment instead of being silently ignored by the app.

@export()
@description('Who may read a group\'s history: publishers always; the group\'s members; or anyone.')
type historyReaders = 'Publishers' | 'Members' | 'Anyone'

@export()
@description('Who may publish (and add or remove members).')
@sealed()
type publishPolicy = {
  @description('Named publisher keys, each sha256:<64 hex> (the key\'s SHA-256) or a Key Vault reference @Microsoft.KeyVault(SecretUri=...). Never the key itself.')
  Keys: {
    *: string
  }?

  @description('Accept JWT bearer tokens from FanOut__Jwt__Authority that carry Claims.')
  Jwt: bool?

  @description('Connected clients may publish over the socket to groups they are members of (a chat).')
  Members: bool?

  @description('Claims a JWT must carry to publish (roles: publisher).')
  Claims: {
    *: string
  }?
}

@export()
@description('Who may connect (negotiate) and which user id the connection gets.')
@sealed()
type connectPolicy = {
  @description('Anyone may connect; a caller without a credential gets a random user id.')
  Anonymous: bool?

  @description('Accept JWT bearer tokens from FanOut__Jwt__Authority.')
  Jwt: bool?

  @description('Accept the App Service Authentication principal (needs appServiceAuthenticationClientId).')
  AppServiceAuthentication: bool?

  @description('Claims an authenticated caller must carry.')
  Claims: {
    *: string
  }?

  @description('The claim that is the user id (sub when absent).')
  UserIdClaim: string?

  @description('How long a client token lives, as hh:mm:ss (01:00:00 when absent).')
  TokenLifetime: string?

  @description('Development only: an anonymous caller may choose its user id with ?userId= (ignored outside Development).')
  UserIdFromQuery: bool?
}

@export()
@description('Which groups a client may join by itself.')
@sealed()
type joinPolicy = {
  @description('Group patterns with * and {userId} (room-*, user-{userId}); app settings Join__Groups__0, __1, ...')
  Groups: string[]?

  @description('A claim whose values are further groups the caller may join.')
  GroupsClaim: string?
}

@export()
@description('Who may read a group\'s history.')
@sealed()
type historyPolicy = {
  @description('Publishers, Members (the default) or Anyone.')
  Readers: historyReaders?
}

@export()
@description('The hub\'s limits; unset values fall back to the service-wide FanOut__* settings.')
@sealed()
type limitsPolicy = {
  @description('The largest publish body in bytes.')
  MaxBodyBytes: int?

  @description('Publishes per minute per publisher key or user (0: no limit).')
  PublishesPerMinute: int?

  @description('How long history keeps a message, as d.hh:mm:ss (at least 00:10:00; unset: for good).')
  HistoryRetention: string?
}

@export()
@description('A webhook sender\'s signing scheme.')
type webhookSourceKind = 'github' | 'stripe' | 'standard' | 'generic'

@export()
@description('How a generic sender writes its MAC.')
type webhookSignatureEncoding = 'hex' | 'base64'

@export()
@description('A webhook sender that may post to /api/hubs/{hub}/groups/{group}/webhooks/{source}.')
@sealed()
type webhookSource = {
  @description('The signing scheme.')
  Kind: webhookSourceKind

  @description('The current secret (and the next while rotating), each only as a Key Vault reference @Microsoft.KeyVault(SecretUri=...): a signature secret cannot be hashed.')
  Secrets: string[]?

  @description('Stripe and Standard Webhooks: how far a signed timestamp may be from now, in seconds (300).')
  ToleranceSeconds: int?

  @description('Generic: the header naming the event.')
  EventHeader: string?

  @description('Generic and Standard Webhooks: the event name when the request carries none.')
  Event: string?

  @description('Generic: the header carrying the HMAC-SHA256 of the body (unset: unsigned).')
  SignatureHeader: string?

  @description('Generic: hex (default) or base64.')
  SignatureEncoding: webhookSignatureEncoding?

  @description('Generic: text before the MAC in the header, such as sha256=.')
  SignaturePrefix: string?

  @description('Generic: the header carrying the sender\'s delivery id.')
  DeliveryIdHeader: string?
}

@export()
@description('One hub\'s rules. The entry applies to the hub named by its key or, with Pattern, to every hub the pattern matches.')
@sealed()
type hubPolicy = {
  @description('A hub-name pattern with * wildcards (tenant_*); absent: the entry\'s own name.')
  Pattern: string?

  @description('Who may publish.')
  Publish: publishPolicy?

  @description('Who may connect.')
  Connect: connectPolicy?

  @description('Which groups a client may join by itself.')
  Join: joinPolicy?

  @description('Who may read history.')
  History: historyPolicy?

  @description('Limits.')
  Limits: limitsPolicy?

  @description('Webhook senders by source name.')
  Webhooks: {
    *: webhookSource
  }?

  @description('Members of a group receive $join and $leave when a user joins or leaves it.')
  RoomEvents: bool?

  @description('Keep who is in each group and online (presence), in Table storage.')
  Presence: bool?
}
