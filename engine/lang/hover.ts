// Hover as a pure function of the text, the offset and the catalog.
import { findNodeAtOffset, getNodePath, parseTree, type Node } from 'jsonc-parser';
import {
  actionNamesFor,
  expandAction,
  getAction,
  getConditionKey,
  getService,
  isKnownAction,
  resourceTypesForArn,
  type ActionNames,
} from '../catalog/index.ts';
import { compileWildcard } from '../match/index.ts';
import type { PolicyKind, Span } from '../types.ts';
import { actionMarkdown, code, ELEMENT_DOCS, nestsTooDeep, keyMarkdown, operatorMarkdown, unknownActionMarkdown, wildcardMarkdown, type EditorOptions } from './docs.ts';

export interface Hover {
  /** The string (with its quotes) the hover is about. */
  span: Span;
  markdown: string;
}

function statementPath(path: (string | number)[]): (string | number)[] | undefined {
  if (path[0] !== 'Statement' || path.length < 2) return undefined;
  if (typeof path[1] === 'number') return path.length >= 3 ? path.slice(2) : undefined;
  return path.slice(1);
}

function actionHover(value: string, names: ActionNames | undefined): string {
  if (value === '*') return '**`*`** matches every action of every service.';
  const colon = value.indexOf(':');
  const wildcard = value.includes('*') || value.includes('?');
  if (colon > 0 && wildcard) {
    const service = value.slice(0, colon).toLowerCase();
    if (getService(service) || !actionNamesFor(service, names)) return wildcardMarkdown(value, expandAction(value));
    // A service known by its action names only.
    const match = compileWildcard(value.slice(colon + 1), { ignoreCase: true });
    const matching = (actionNamesFor(service, names) ?? []).filter(match);
    const list = matching.slice(0, 60).map((n) => `- ${code(`${service}:${n}`)}`);
    return [`**${code(value)}** matches ${matching.length} action${matching.length === 1 ? '' : 's'}:`, '', ...list].join('\n');
  }
  const info = getAction(value);
  if (info) return actionMarkdown(info);
  if (colon > 0 && isKnownAction(value.slice(0, colon), value.slice(colon + 1), names) === true) {
    return `**${code(value)}** is an action of ${code(value.slice(0, colon).toLowerCase())} (the simulator has no details for this service).`;
  }
  return unknownActionMarkdown(value, names);
}

function resourceHover(value: string): string {
  if (value === '*') return '**`*`** — every resource. Actions without resource-level permissions (such as `ecr:GetAuthorizationToken`) need it.';
  const types = resourceTypesForArn(value);
  if (types.length === 0) return `**${code(value)}** matches no resource type the simulator knows.`;
  const lines = [`**${code(value)}**`, ''];
  for (const t of types.slice(0, 5)) lines.push(`- ${t.service} \`${t.name}\`: \`${t.arnFormat}\``);
  return lines.join('\n');
}

function keyHover(value: string): string {
  const info = getConditionKey(value);
  return info ? keyMarkdown(value, info) : `**${code(value)}** is not a condition key AWS lists.`;
}

/**
 * What the string at an offset means: an action (description, access level,
 * resource types, condition keys), a wildcard (the actions it expands to), a
 * condition operator or key, a resource ARN, or a policy element.
 */
export function hoverAt(text: string, offset: number, _kind?: PolicyKind, options: EditorOptions = {}): Hover | undefined {
  if (typeof text !== 'string' || typeof offset !== 'number' || !Number.isFinite(offset) || nestsTooDeep(text)) return undefined;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return undefined;
  const node: Node | undefined = findNodeAtOffset(root, offset, true);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const value = node.value;
  const span = { start: node.offset, end: node.offset + node.length };
  const parent = node.parent;
  const isKey = parent?.type === 'property' && parent.children?.[0] === node;
  const path = getNodePath(node);
  const inSt = statementPath(path);

  let markdown: string | undefined;
  if (isKey && (path.length === 1 || inSt?.length === 1)) {
    markdown = Object.hasOwn(ELEMENT_DOCS, value) ? `**${value}** — ${ELEMENT_DOCS[value]}` : undefined;
  } else if (isKey && inSt?.[0] === 'Condition' && inSt.length === 2) {
    markdown = operatorMarkdown(value);
  } else if (isKey && inSt?.[0] === 'Condition' && inSt.length === 3) {
    markdown = keyHover(value);
  } else if (!isKey && (inSt?.[0] === 'Action' || inSt?.[0] === 'NotAction')) {
    markdown = actionHover(value, options?.actionNames);
  } else if (!isKey && (inSt?.[0] === 'Resource' || inSt?.[0] === 'NotResource')) {
    markdown = resourceHover(value);
  } else if (!isKey && inSt?.[0] === 'Effect') {
    markdown = value === 'Deny' ? '**Deny** — refuses the actions; overrides every Allow.' : value === 'Allow' ? '**Allow** — grants the actions, unless a Deny or a missing grant elsewhere stops them.' : undefined;
  }
  return markdown ? { span, markdown } : undefined;
}
