// App Service Authentication and FanOut__AppServiceAuthentication go together. The app trusts the
// X-MS-CLIENT-PRINCIPAL header only when that setting is true, and only Easy Auth makes the header
// trustworthy; so the setting may be 'true' exactly when an authsettingsV2 resource is deployed,
// which lets every caller through (AllowAnonymous) for the hub policies to judge.
import { conditionOf, isTrue, line, normalized, propertyPath, resources, stringLiteral, unwrap } from './bicep-tree.mjs';

const SETTING = 'FanOut__AppServiceAuthentication';

/** @param entries app setting entries { key, value, file } from Project.appSettingEntries() */
export function easyAuthViolations(files, entries) {
  const found = [];
  const fail = (file, node, message) => found.push({ rule: 'appServiceAuthentication', file: file.path, line: node ? line(node) : 1, message });
  const auth = files.flatMap((file) => resources(file)
    .filter((r) => r.type === 'Microsoft.Web/sites/config' && !r.existing && stringLiteral(unwrap(propertyPath(r.body, 'name'))) === 'authsettingsV2')
    .map((r) => ({ ...r, condition: conditionOf(r.decl) })));

  for (const r of auth) {
    const props = propertyPath(r.body, 'properties');
    if (!isTrue(propertyPath(props, 'platform', 'enabled'))) fail(r.file, r.decl, `${r.symbol}: platform.enabled must be true (deploy it conditionally instead of disabled)`);
    if (stringLiteral(unwrap(propertyPath(props, 'globalValidation', 'unauthenticatedClientAction'))) !== 'AllowAnonymous') {
      fail(r.file, r.decl, `${r.symbol}: globalValidation.unauthenticatedClientAction must be 'AllowAnonymous' (hub policies decide who may do what)`);
    }
    if (isTrue(propertyPath(props, 'globalValidation', 'requireAuthentication'))) fail(r.file, r.decl, `${r.symbol}: globalValidation.requireAuthentication must not be true`);
    if (propertyPath(props, 'identityProviders', 'azureActiveDirectory', 'registration', 'clientSecret')) fail(r.file, r.decl, `${r.symbol}: no client secret in the template`);
  }

  const settings = entries.filter((e) => e.key === SETTING);
  if (auth.length && !settings.length) fail(auth[0].file, auth[0].decl, `${SETTING} must be set where authsettingsV2 is deployed`);
  for (const { value, file } of settings) {
    const node = unwrap(value);
    const literal = stringLiteral(node);
    if (literal === 'false') continue;
    if (literal === 'true') {
      if (!auth.some((r) => !r.condition)) fail(file, node, `${SETTING} is 'true' but no unconditional authsettingsV2 resource enables Easy Auth: the principal header could be forged`);
      continue;
    }
    const isTernary = node?.type === 'ternary_expression'
      && stringLiteral(unwrap(node.childForFieldName('consequence'))) === 'true'
      && stringLiteral(unwrap(node.childForFieldName('alternative'))) === 'false';
    if (!isTernary) {
      fail(file, node, `${SETTING} must be 'false', 'true', or <condition> ? 'true' : 'false' with the authsettingsV2 resource's condition`);
      continue;
    }
    const condition = normalized(node.childForFieldName('condition'));
    if (!auth.some((r) => r.file === file && r.condition && normalized(r.condition) === condition)) {
      fail(file, node, `${SETTING} is true when ${condition}, but no authsettingsV2 resource in the same file is deployed on that condition`);
    }
  }
  return found;
}
