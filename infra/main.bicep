// Serverless event fan-out: Flex Consumption Functions (.NET 10 isolated), Storage queue +
// table, Azure SignalR Service (Serverless), Log Analytics + Application Insights.
// Identity only: one user-assigned managed identity, role assignments, no keys anywhere.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
// What each parameter does, and how to add publisher keys or Entra sign-in: docs/deploy.md.
import { hubPolicy } from 'hub-policies.bicep'

targetScope = 'resourceGroup'

@description('Environment name (azd: AZURE_ENV_NAME); seeds resource names and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource; must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Browser origins allowed to call the Function App and SignalR Service (CORS), e.g. https://app.contoso.com. No "*".')
@minLength(1)
param allowedOrigins string[]

@description('SignalR Service SKU: Free_F1 (dev only), Standard_S1 or Premium_P1.')
@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
param signalRSku string = 'Standard_S1'

@description('SignalR Service units (each: 1,000 concurrent connections, 1,000,000 messages/day on Standard).')
@allowed([
  1
  2
  3
  4
  5
  6
  7
  8
  9
  10
  20
  30
  40
  50
  60
  70
  80
  90
  100
])
param signalRUnits int = 1

@description('Send client events (join, leave, publish, history over the socket) and connection events from SignalR to the app\'s POST /api/upstream/{hub}/{category}/{event}, signed with a managed-identity token.')
param enableSignalRUpstream bool = true

@description('Audience of the token SignalR sends upstream (FanOut__Upstream__Audience). Empty: the client id of the app\'s user-assigned identity, which SignalR also runs as.')
param upstreamTokenAudience string = ''

@description('Hub policies by hub name (FanOut__Hubs__{hub}__* app settings). Publisher keys only as sha256:<hex> or Key Vault references. Hubs not listed here do not exist.')
param hubPolicies {
  *: hubPolicy
} = {
  chat: {
    Publish: {
      Members: true
    }
    Connect: {
      Anonymous: true
    }
    Join: {
      Groups: [
        '*'
      ]
    }
    History: {
      Readers: 'Members'
    }
  }
}

@description('Create a Key Vault (RBAC mode) the app may read secrets from, for publisher keys given as @Microsoft.KeyVault(SecretUri=...) references.')
param enableKeyVault bool = false

@description('Client id of the Entra app registration for App Service Authentication (Easy Auth). Empty: Easy Auth off and FanOut__AppServiceAuthentication=false.')
param appServiceAuthenticationClientId string = ''

@description('Tenant of that app registration.')
param appServiceAuthenticationTenantId string = tenant().tenantId

@description('Token audiences Easy Auth accepts besides the client id, e.g. api://<client id>.')
param appServiceAuthenticationAllowedAudiences string[] = []

@description('FanOut__Jwt__Authority: OpenID Connect issuer whose bearer tokens hubs may accept (Jwt: true). Empty: no JWTs are accepted.')
param jwtAuthority string = ''

@description('FanOut__Jwt__Audience: the audience those tokens must carry (empty: not checked).')
param jwtAudience string = ''

@description('Days a claim-check payload blob stays in the fanout-payloads container before lifecycle management deletes it.')
@minValue(1)
@maxValue(3650)
param payloadRetentionDays int = 30

@description('Flex Consumption instance memory in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Flex Consumption maximum instance count (scale-out ceiling and cost ceiling).')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Always-ready instances for HTTP triggers (0 = scale to zero; each one is billed around the clock).')
@minValue(0)
@maxValue(20)
param functionAlwaysReadyInstances int = 0

@description('FanOut__MaxBodyBytes: largest accepted message body in bytes (same default as local.settings.sample.json).')
param fanOutMaxBodyBytes int = 1000000

@description('FanOut__DefaultPageSize: history page size when the client does not ask (same default as the sample).')
param fanOutDefaultPageSize int = 100

@description('FanOut__MaxPageSize: largest history page a client may ask for (same default as the sample).')
param fanOutMaxPageSize int = 1000

@description('FanOut__IdempotencyWindow: how long an Idempotency-Key is remembered, as d.hh:mm:ss (same default as the sample).')
param fanOutIdempotencyWindow string = '1.00:00:00'

@description('FanOut__PresenceSweepInterval: how often presence is checked for disconnects that never arrived, as hh:mm:ss (same default as the sample).')
param fanOutPresenceSweepInterval string = '00:01:00'

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  workload: 'fanout'
}

// Mirrors functions/FanOut.Core/FanOutNames.cs; tests/node/infra/names.test.mjs keeps them equal.
var fanOutNames = {
  deliveryQueue: 'fanout-deliveries'
  poisonQueue: 'fanout-deliveries-poison'
  historyTable: 'FanOutHistory'
  idempotencyTable: 'FanOutIdempotency'
  presenceTable: 'FanOutPresence'
  payloadContainer: 'fanout-payloads'
}

var names = {
  identity: 'id-${resourceToken}'
  storage: 'st${resourceToken}'
  signalR: 'sigr-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
}
var functionAppHostName = '${names.functionApp}.azurewebsites.net'

// Built-in role definition ids (az role definition list --name '<role>' --query [].name).
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  signalRAppServer: '420fcaa2-552c-430f-98ca-3264be4806c7'
  signalRServiceOwner: '7e4f1700-ea5a-4f59-8f37-079cfe29dce3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

// Why each role is needed: docs/deploy.md, "Roles".
var roleGrants = [
  {
    role: 'Storage Blob Data Owner'
    roleDefinitionId: roleIds.storageBlobDataOwner
    target: 'storage'
  }
  {
    role: 'Storage Queue Data Contributor'
    roleDefinitionId: roleIds.storageQueueDataContributor
    target: 'storage'
  }
  {
    role: 'Storage Table Data Contributor'
    roleDefinitionId: roleIds.storageTableDataContributor
    target: 'storage'
  }
  {
    role: 'SignalR App Server'
    roleDefinitionId: roleIds.signalRAppServer
    target: 'signalR'
  }
  {
    role: 'SignalR Service Owner'
    roleDefinitionId: roleIds.signalRServiceOwner
    target: 'signalR'
  }
  {
    role: 'Monitoring Metrics Publisher'
    roleDefinitionId: roleIds.monitoringMetricsPublisher
    target: 'applicationInsights'
  }
  {
    role: 'Key Vault Secrets User'
    roleDefinitionId: roleIds.keyVaultSecretsUser
    target: 'keyVault'
  }
]

// Same keys as local.settings.sample.json Values (tests/node/infra/names.test.mjs).
var appOptions = {
  FanOut__MaxBodyBytes: string(fanOutMaxBodyBytes)
  FanOut__DefaultPageSize: string(fanOutDefaultPageSize)
  FanOut__MaxPageSize: string(fanOutMaxPageSize)
  FanOut__IdempotencyWindow: fanOutIdempotencyWindow
  FanOut__PresenceSweepInterval: fanOutPresenceSweepInterval
}

// Hub policies as the .NET configuration binder reads them: FanOut__Hubs__{hub}__{Option} for the
// hub's own options (Pattern, RoomEvents, Presence), FanOut__Hubs__{hub}__{Section}__{Option} for
// the sections, FanOut__Hubs__{hub}__Webhooks__{source}__{Option} for webhook senders; one setting
// per entry of Keys and Claims, list entries as __0, __1, ..., booleans as 'true'/'false'. ARM's
// if() evaluates only the branch taken, so items() only ever sees objects and range() lists.
// tests/node/infra/hub-policy-type.mjs (hubPolicySettings) mirrors this.
var hubPrefix = 'FanOut__Hubs__'
var hubSections = [
  'Publish'
  'Connect'
  'Join'
  'History'
  'Limits'
]
var hubMapOptions = [
  'Keys'
  'Claims'
]
var hubListOptions = [
  'Groups'
  'Secrets'
]
var hubScalars = flatten(map(items(hubPolicies), hub => map(filter(items(hub.value), entry => !contains(hubSections, entry.key) && entry.key != 'Webhooks'), entry => { name: '${hubPrefix}${hub.key}__${entry.key}', key: entry.key, value: entry.value })))
var hubOptions = flatten(map(items(hubPolicies), hub => flatten(map(filter(items(hub.value), section => contains(hubSections, section.key)), section => map(items(any(section.value)), option => { name: '${hubPrefix}${hub.key}__${section.key}__${option.key}', key: option.key, value: option.value })))))
var hubWebhookOptions = flatten(map(items(hubPolicies), hub => flatten(map(items(hub.value.?Webhooks ?? {}), source => map(items(source.value), option => { name: '${hubPrefix}${hub.key}__Webhooks__${source.key}__${option.key}', key: option.key, value: option.value })))))
var hubOptionSettings = flatten(map(concat(hubScalars, hubOptions, hubWebhookOptions), option => contains(hubMapOptions, option.key) ? map(items(any(option.value)), entry => { name: '${option.name}__${entry.key}', value: string(entry.value) }) : (contains(hubListOptions, option.key) ? map(range(0, length(any(option.value))), i => { name: '${option.name}__${i}', value: string(any(option.value)[i]) }) : [{ name: option.name, value: option.value == true ? 'true' : (option.value == false ? 'false' : string(option.value)) }])))
var hubSettings = toObject(hubOptionSettings, setting => setting.name, setting => setting.value)

// Issuers the app trusts: a JWT issuer for users, and Microsoft Entra (v1 tokens, the only kind
// SignalR sends upstream) for SignalR's managed identity.
var jwtSettings = empty(jwtAuthority) ? {} : {
  FanOut__Jwt__Authority: jwtAuthority
  FanOut__Jwt__Audience: jwtAudience
}
var upstreamAudience = empty(upstreamTokenAudience) ? identity.outputs.clientId : upstreamTokenAudience
var upstreamSettings = enableSignalRUpstream ? {
  FanOut__Upstream__Authority: 'https://sts.windows.net/${tenant().tenantId}/'
  FanOut__Upstream__Audience: upstreamAudience
} : {}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    queueNames: [
      fanOutNames.deliveryQueue
      fanOutNames.poisonQueue
    ]
    tableNames: [
      fanOutNames.historyTable
      fanOutNames.idempotencyTable
      fanOutNames.presenceTable
    ]
    deploymentContainerName: names.deploymentContainer
    payloadContainerName: fanOutNames.payloadContainer
    payloadRetentionDays: payloadRetentionDays
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module keyVault 'modules/keyvault.bicep' = if (enableKeyVault) {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  params: {
    name: names.signalR
    location: location
    tags: tags
    skuName: signalRSku
    capacity: signalRUnits
    allowedOrigins: allowedOrigins
    functionAppHostName: functionAppHostName
    identityId: identity.outputs.id
    enableUpstream: enableSignalRUpstream
    upstreamTokenAudience: upstreamAudience
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    grants: filter(roleGrants, grant => grant.target != 'keyVault' || enableKeyVault)
    storageAccountName: storage.outputs.name
    signalRName: signalR.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    keyVaultName: names.keyVault
  }
  dependsOn: [
    keyVault
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    signalREndpoint: signalR.outputs.endpoint
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    appOptions: union(appOptions, hubSettings, jwtSettings, upstreamSettings)
    appServiceAuthentication: {
      clientId: appServiceAuthenticationClientId
      tenantId: appServiceAuthenticationTenantId
      allowedAudiences: appServiceAuthenticationAllowedAudiences
    }
    runtimeVersion: '10.0'
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    alwaysReadyHttpInstances: functionAlwaysReadyInstances
    allowedOrigins: allowedOrigins
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
  // The host starts right after deployment: let it find its roles already granted.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.hostName}'
@description('Negotiate endpoint: POST with {hub} replaced by the hub name.')
output NEGOTIATE_URL string = 'https://${functionApp.outputs.hostName}/api/hubs/{hub}/negotiate'
output SIGNALR_ENDPOINT string = signalR.outputs.endpoint
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output STORAGE_PAYLOAD_CONTAINER string = fanOutNames.payloadContainer
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
@description('Where publisher keys go when enableKeyVault is true (empty otherwise).')
output KEY_VAULT_NAME string = enableKeyVault ? names.keyVault : ''
output KEY_VAULT_URI string = enableKeyVault ? 'https://${names.keyVault}${environment().suffixes.keyvaultDns}/' : ''
@description('Audience of the token SignalR sends upstream, and what FanOut__Upstream__Audience holds.')
output UPSTREAM_TOKEN_AUDIENCE string = enableSignalRUpstream ? upstreamAudience : ''
