// Role assignments of the Function App's user-assigned identity, one loop over a typed list.
// Names are guid(scope id, principal id, role definition id): stable across redeployments.

@description('One built-in role granted to the app identity on one of the deployment\'s resources.')
type roleGrant = {
  @description('Display name of the built-in role (for readers and deployment logs).')
  role: string

  @description('Role definition id (GUID) of the built-in role.')
  roleDefinitionId: string

  @description('Which resource the role is granted on.')
  target: 'storage' | 'signalR' | 'applicationInsights' | 'keyVault'
}

@description('Object (principal) id of the user-assigned identity receiving the roles.')
param principalId string

@description('Roles to grant; see the roleGrants list in main.bicep.')
param grants roleGrant[]

@description('Name of the storage account the storage roles are scoped to.')
param storageAccountName string

@description('Name of the SignalR Service the SignalR roles are scoped to.')
param signalRName string

@description('Name of the Application Insights component the monitoring role is scoped to.')
param applicationInsightsName string

@description('Name of the Key Vault the secrets role is scoped to (granted only when the list holds a keyVault grant).')
param keyVaultName string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' existing = {
  name: signalRName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in grants: if (grant.target == 'storage') {
  name: guid(storage.id, principalId, grant.roleDefinitionId)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
    description: '${grant.role} for the fan-out Function App'
  }
}]

resource signalRRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in grants: if (grant.target == 'signalR') {
  name: guid(signalR.id, principalId, grant.roleDefinitionId)
  scope: signalR
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
    description: '${grant.role} for the fan-out Function App'
  }
}]

resource monitoringRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in grants: if (grant.target == 'applicationInsights') {
  name: guid(applicationInsights.id, principalId, grant.roleDefinitionId)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
    description: '${grant.role} for the fan-out Function App'
  }
}]

resource keyVaultRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in grants: if (grant.target == 'keyVault') {
  name: guid(keyVault.id, principalId, grant.roleDefinitionId)
  scope: keyVault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.roleDefinitionId)
    description: '${grant.role} for the fan-out Function App'
  }
}]
