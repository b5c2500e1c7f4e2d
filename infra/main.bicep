// Serverless event fan-out: Flex Consumption Functions (.NET 10 isolated), Storage queue +
// table, Azure SignalR Service (Serverless), Log Analytics + Application Insights.
// Identity only: one user-assigned managed identity, role assignments, no keys anywhere.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
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

@description('Send SignalR connected/disconnected events to the Function App (presence). Keep false until presence ships.')
param enablePresenceUpstream bool = false

@description('Audience (App ID URI) of the Entra token SignalR attaches to upstream calls; validate it in front of the webhook.')
param upstreamTokenAudience string = ''

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

@description('FanOut__AppServiceAuthentication: App Service Authentication is in front of the app, so its principal headers are trusted (same default as the sample).')
param fanOutAppServiceAuthentication bool = false

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
]

// Same keys as local.settings.sample.json Values (tests/node/infra/settings.test.mjs).
var appOptions = {
  FanOut__MaxBodyBytes: string(fanOutMaxBodyBytes)
  FanOut__DefaultPageSize: string(fanOutDefaultPageSize)
  FanOut__MaxPageSize: string(fanOutMaxPageSize)
  FanOut__IdempotencyWindow: fanOutIdempotencyWindow
  FanOut__PresenceSweepInterval: fanOutPresenceSweepInterval
  FanOut__AppServiceAuthentication: string(fanOutAppServiceAuthentication)
}

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
    enablePresenceUpstream: enablePresenceUpstream
    upstreamTokenAudience: upstreamTokenAudience
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    grants: roleGrants
    storageAccountName: storage.outputs.name
    signalRName: signalR.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
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
    appOptions: appOptions
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
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
