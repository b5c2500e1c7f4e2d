// Log Analytics workspace + workspace-based Application Insights with local (instrumentation
// key) authentication disabled: telemetry is accepted only with an Entra token, which the
// Function App gets from its user-assigned identity (Monitoring Metrics Publisher role).

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region of the monitoring resources.')
param location string

@description('Tags applied to the monitoring resources (must include azd-env-name).')
param tags object

@description('Days the workspace keeps data (30 is included in the Pay-As-You-Go price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

output logAnalyticsWorkspaceId string = workspace.id
output applicationInsightsId string = applicationInsights.id
output applicationInsightsName string = applicationInsights.name
// The connection string only locates the ingestion endpoint: with DisableLocalAuth the
// instrumentation key inside it cannot send telemetry without an Entra token.
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
