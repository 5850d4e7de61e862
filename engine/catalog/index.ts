export type {
  AccessLevel,
  ActionConditionKey,
  ActionInfo,
  ActionResourceType,
  CatalogDataVersion,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
  ServiceInfo,
} from './types.ts';
export {
  actionNamesFor,
  arnTemplate,
  conditionKeysForAction,
  dataVersion,
  expandAction,
  getAction,
  getConditionKey,
  getResourceType,
  getService,
  globalConditionKeys,
  isKnownAction,
  isKnownServicePrefix,
  isRcpSupportedService,
  listActions,
  loadAllActionNames,
  actionNamesFrom,
  loadedServicePrefixes,
  resourceTypesForArn,
  suggestActions,
} from './catalog.ts';
export type { ActionNames } from './catalog.ts';
export { editDistance } from './distance.ts';
