/** Turns the knowledge tables' library patterns into reports for one file. */
import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { CheckId } from '../../src/catalog.js';
import type { InstanceUse, LibraryPattern } from '../../src/knowledge/index.js';
import { findApiUses } from './api-uses.js';
import { isInsideCallbackOf } from './callbacks.js';
import { outermostWrapper, propertyName, walk } from './ast.js';
import type { Report, StatelessRuleContext } from './create-rule.js';
import { evaluateTrigger } from './options-object.js';
import { requestContext } from './request-context.js';

/** The variable a created value is stored in (`const io = new Server()`). */
function instanceVariable(created: TSESTree.Node): TSESTree.Identifier | undefined {
  let holder = outermostWrapper(created).parent;
  if (holder?.type === AST_NODE_TYPES.AwaitExpression) holder = outermostWrapper(holder).parent;
  let target: TSESTree.Node | undefined;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator) target = holder.id;
  else if (holder?.type === AST_NODE_TYPES.AssignmentExpression) target = holder.left;
  return target?.type === AST_NODE_TYPES.Identifier ? target : undefined;
}

/** `this.io = new Server()` or a class field `io = new Server()`: the class body and field holding the created value. */
function instanceField(created: TSESTree.Node): { body: TSESTree.ClassBody; name: string } | undefined {
  let holder = outermostWrapper(created).parent;
  if (holder?.type === AST_NODE_TYPES.AwaitExpression) holder = outermostWrapper(holder).parent;
  let name: string | null = null;
  if (holder?.type === AST_NODE_TYPES.PropertyDefinition && !holder.static) name = propertyName(holder);
  else if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.left.type === AST_NODE_TYPES.MemberExpression && holder.left.object.type === AST_NODE_TYPES.ThisExpression) {
    name = propertyName(holder.left);
  }
  let body: TSESTree.Node | undefined = holder;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  return name === null || !body ? undefined : { body, name };
}

/** The name a report gives the created value: its variable, `this.field`, or the library. */
function instanceName(created: TSESTree.Node, library: string): string {
  const field = instanceField(created);
  return instanceVariable(created)?.name ?? (field ? `this.${field.name}` : library);
}

/** The reads of the variable or `this.field` holding the created value. */
function instanceReferences(context: StatelessRuleContext, created: TSESTree.Node): TSESTree.Node[] {
  const target = instanceVariable(created);
  if (target) {
    const variable = ASTUtils.findVariable(context.sourceCode.getScope(target), target);
    return (variable?.references ?? []).filter((ref) => ref.isRead()).map((ref) => ref.identifier as TSESTree.Identifier);
  }
  const field = instanceField(created);
  if (!field) return [];
  const reads: TSESTree.Node[] = [];
  walk(field.body, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression || propertyName(node) !== field.name) return;
    const parent = outermostWrapper(node).parent;
    if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== outermostWrapper(node)) reads.push(node);
  });
  return reads;
}

/** Methods that walk every element of a collection (`wss.clients.forEach(…)`). */
const iteratingMethods = new Set(['forEach', 'values', 'entries', 'keys']);

/** True when `node`'s value is iterated: `for…of`, spread, `Array.from(…)`, `.forEach(…)`. */
function isIterated(node: TSESTree.Node): boolean {
  const self = outermostWrapper(node);
  const parent = self.parent;
  if (parent?.type === AST_NODE_TYPES.ForOfStatement) return parent.right === self;
  if (parent?.type === AST_NODE_TYPES.SpreadElement) return true;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === self) {
    const method = propertyName(parent);
    return method !== null && iteratingMethods.has(method);
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === self) {
    const callee = parent.callee;
    return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array' && propertyName(callee) === 'from';
  }
  return false;
}

/** The node where `reference.<members…>` is used, if it is. */
function memberUse(reference: TSESTree.Node, members: readonly string[]): TSESTree.Node | undefined {
  let current = outermostWrapper(reference);
  for (const member of members) {
    const parent = current.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current || propertyName(parent) !== member) return undefined;
    current = outermostWrapper(parent);
  }
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === current ? parent : current;
}

function instanceUses(context: StatelessRuleContext, created: TSESTree.Node, uses: readonly InstanceUse[], effect: InstanceUse['effect']): TSESTree.Node[] {
  const references = instanceReferences(context, created);
  const found: TSESTree.Node[] = [];
  for (const use of uses.filter((candidate) => candidate.effect === effect)) {
    for (const reference of references) {
      const node = memberUse(reference, use.members);
      if (!node || (use.iterated && !isIterated(node))) continue;
      if (use.exceptIn && isInsideCallbackOf(context.sourceCode, node, use.exceptIn)) continue;
      found.push(node);
    }
  }
  return found;
}

/** `sharp(input).resize(64).toFile(path)`: the call of `method` on the created value's call chain. */
function chainedCall(created: TSESTree.Node, method: string): TSESTree.CallExpression | undefined {
  let current = outermostWrapper(created);
  for (let depth = 0; depth < 8; depth++) {
    const member = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return undefined;
    const call = outermostWrapper(member).parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== outermostWrapper(member)) return undefined;
    if (propertyName(member) === method) return call;
    current = outermostWrapper(call);
  }
  return undefined;
}

/** The `method` calls on the created value: chained on it, or on the variable that holds it (`img.toFile()`). */
function chainedCalls(context: StatelessRuleContext, created: TSESTree.Node, method: string): TSESTree.CallExpression[] {
  const starts = [created, ...instanceReferences(context, created)];
  return starts.map((start) => chainedCall(start, method)).filter((found) => found !== undefined);
}

/**
 * Reports for every use of `patterns` in the file that its trigger, instance uses and scope make a finding.
 * Patterns scoped to `request` report where the write happens; others where the state is created.
 */
export function libraryReports<C extends CheckId>(context: StatelessRuleContext, patterns: readonly LibraryPattern<C>[]): Report<C>[] {
  const reports: Report<C>[] = [];
  const inRequest = (node: TSESTree.Node) => requestContext(context).isInRequestHandling(node);
  for (const { item: pattern, call, args } of findApiUses(context.sourceCode, patterns, (row) => row.api)) {
    const verdict = evaluateTrigger(context.sourceCode, pattern.when, args);
    if (!verdict || (typeof verdict === 'object' && !pattern.optionalMessageId)) continue;
    const messageId = typeof verdict === 'object' ? pattern.optionalMessageId! : pattern.messageId;
    const option = typeof verdict === 'object' ? verdict.optional : '';
    let sites: TSESTree.Node[] = [call];
    if (pattern.instance) {
      if (instanceUses(context, call, pattern.instance, 'clears').length > 0) continue;
      if (pattern.instance.some((use) => use.effect === 'flags')) {
        const flagged = instanceUses(context, call, pattern.instance, 'flags');
        if (flagged.length === 0) continue;
        sites = pattern.scope === 'request' ? flagged : [call];
      }
    }
    if (pattern.chainMethod) {
      sites = chainedCalls(context, call, pattern.chainMethod);
      if (sites.length === 0) continue;
    }
    for (const site of sites) {
      if (pattern.scope === 'request' && !inRequest(site)) continue;
      const api = site.type === AST_NODE_TYPES.CallExpression ? context.sourceCode.getText(site.callee) : pattern.library;
      const name = instanceName(call, pattern.library);
      reports.push({ node: site, messageId, data: { library: pattern.library, api, name, option } });
    }
  }
  return reports;
}
