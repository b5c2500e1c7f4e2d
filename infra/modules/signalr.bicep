// Azure SignalR Service in Serverless mode with access keys disabled: the Function App's
// managed identity negotiates client tokens and calls the data-plane REST API with Entra ID.
// Upstream: client and connection events go to the app's own endpoint, each call carrying an
// Entra token that SignalR obtains with the same user-assigned identity (no key in any URL).

@description('Name of the SignalR Service resource.')
param name string

@description('Azure region of the SignalR Service resource.')
param location string

@description('Tags applied to the SignalR Service resource (must include azd-env-name).')
param tags object

@description('SKU: Free_F1 (dev only, no SLA, 20 connections), Standard_S1 or Premium_P1.')
@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
param skuName string

@description('Units (1,000 concurrent connections and 1,000,000 messages/day each on Standard). Free_F1 takes 1.')
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
param capacity int

@description('Browser origins allowed to call the service (CORS). Never "*".')
@minLength(1)
param allowedOrigins string[]

@description('Host name of the Function App that receives upstream events (<app>.azurewebsites.net).')
param functionAppHostName string

@description('Resource id of the user-assigned identity SignalR obtains upstream tokens with.')
param identityId string

@description('Send client and connection events upstream to the Function App.')
param enableUpstream bool

@description('Audience of the Entra token SignalR attaches to upstream calls (the app validates it as FanOut__Upstream__Audience).')
@minLength(1)
param upstreamTokenAudience string

@description('Resource id of the Log Analytics workspace that receives diagnostics.')
param logAnalyticsWorkspaceId string

var skuTiers = {
  Free_F1: 'Free'
  Standard_S1: 'Standard'
  Premium_P1: 'Premium'
}

// Every hub, category (connections, messages) and event goes to POST /api/upstream/{hub}/{category}/{event}
// (functions/FanOut.Api/ApiRoutes.cs). The URL holds no key: the app accepts a call only with a valid
// token for upstreamTokenAudience from this tenant (see docs/deploy.md, "How upstream is secured").
var upstreamTemplate = {
  hubPattern: '*'
  categoryPattern: '*'
  eventPattern: '*'
  urlTemplate: 'https://${functionAppHostName}/api/upstream/{hub}/{category}/{event}'
  auth: {
    type: 'ManagedIdentity'
    managedIdentity: {
      resource: upstreamTokenAudience
    }
  }
}

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: skuName
    tier: skuTiers[skuName]
    capacity: skuName == 'Free_F1' ? 1 : capacity
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    features: [
      {
        flag: 'ServiceMode'
        value: 'Serverless'
      }
      {
        flag: 'EnableConnectivityLogs'
        value: 'True'
      }
      {
        flag: 'EnableMessagingLogs'
        value: 'False'
      }
    ]
    cors: {
      allowedOrigins: allowedOrigins
    }
    upstream: {
      templates: enableUpstream ? [
        upstreamTemplate
      ] : []
    }
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
    tls: {
      clientCertEnabled: false
    }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: signalR
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = signalR.id
output name string = signalR.name
output hostName string = signalR.properties.hostName
output endpoint string = 'https://${signalR.properties.hostName}'
