// The Function App on the Flex Consumption plan (.NET isolated worker on .NET 10). It runs as
// the user-assigned identity: package download, host storage, queues, tables, SignalR and
// Application Insights all authenticate with that identity; basic publishing credentials are
// disabled, so there is no key or password to rotate. App Service Authentication (Entra ID) is
// optional; when on, it only validates and describes callers (AllowAnonymous): each hub's policy
// decides who may do what, and FanOut__AppServiceAuthentication says the principal header is real.

@description('Name of the Function App (its host name is <name>.azurewebsites.net).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (must include azd-env-name).')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of the user-assigned identity (selects it in the *__clientId settings).')
param identityClientId string

@description('Blob container URL holding the deployment package.')
param deploymentContainerUrl string

@description('Storage blob endpoint (https://<account>.blob.core.windows.net/).')
param storageBlobEndpoint string

@description('Storage queue endpoint (https://<account>.queue.core.windows.net/).')
param storageQueueEndpoint string

@description('Storage table endpoint (https://<account>.table.core.windows.net/).')
param storageTableEndpoint string

@description('SignalR Service endpoint (https://<name>.service.signalr.net).')
param signalREndpoint string

@description('Application Insights connection string (locates ingestion; local auth is disabled).')
param applicationInsightsConnectionString string

@description('Application settings read by the app code (FanOut__*: limits, hub policies, JWT and upstream issuers).')
param appOptions object

@description('App Service Authentication (Easy Auth) with Microsoft Entra ID: clientId of the app registration (empty: off), tenantId, allowedAudiences.')
param appServiceAuthentication {
  @description('Client id of the Entra app registration; empty turns Easy Auth off.')
  clientId: string

  @description('Tenant id of the app registration.')
  tenantId: string

  @description('Audiences accepted besides the client id (api://<client id>).')
  allowedAudiences: string[]
}

@description('.NET isolated worker version on Flex Consumption.')
@allowed([
  '8.0'
  '9.0'
  '10.0'
])
param runtimeVersion string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm for HTTP triggers (0 = scale to zero, billed only while running).')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Browser origins allowed to call the HTTP API (CORS). Never "*".')
@minLength(1)
param allowedOrigins string[]

@description('Resource id of the Log Analytics workspace that receives diagnostics.')
param logAnalyticsWorkspaceId string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': 'api'
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: allowedOrigins
        supportCredentials: true
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: alwaysReadyHttpInstances > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ] : []
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
    }
  }
}

// Every setting is identity-based. FUNCTIONS_WORKER_RUNTIME is absent on purpose: Flex
// Consumption takes the runtime from functionAppConfig.runtime and rejects that setting.
var identitySettings = {
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureSignalRConnectionString__serviceUri: signalREndpoint
  AzureSignalRConnectionString__credential: 'managedidentity'
  AzureSignalRConnectionString__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// The app trusts the X-MS-CLIENT-PRINCIPAL header only when this says Easy Auth is in front of it;
// tests/node/infra checks that the setting and the authsettingsV2 resource share one condition.
var appServiceAuthenticationEnabled = !empty(appServiceAuthentication.clientId)
var appServiceAuthenticationSettings = {
  FanOut__AppServiceAuthentication: appServiceAuthenticationEnabled ? 'true' : 'false'
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(identitySettings, appServiceAuthenticationSettings, appOptions)
}

// Validates Entra tokens for the app registration and passes everyone through: anonymous callers,
// publisher keys and other issuers' JWTs are judged by the hub policies in the app. No client
// secret: bearer tokens need none (browser sign-in at /.auth/login/aad would; see docs/deploy.md).
resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = if (appServiceAuthenticationEnabled) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: appServiceAuthentication.clientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${appServiceAuthentication.tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: appServiceAuthentication.allowedAudiences
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// No FTP or SCM basic-auth publishing: deployments authenticate with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
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

output id string = functionApp.id
output name string = functionApp.name
output hostName string = functionApp.properties.defaultHostName
