/** Turns the knowledge tables' library patterns into reports for one file. */
import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { InstanceUse, LibraryPattern } from '../../src/knowledge/index.js';
import { findApiUses } from './api-uses.js';
import { outermostWrapper, propertyName } from './ast.js';
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

/** The read references of that variable. */
function instanceReferences(context: StatelessRuleContext, created: TSESTree.Node): TSESTree.Identifier[] {
  const target = instanceVariable(created);
  if (!target) return [];
  const variable = ASTUtils.findVariable(context.sourceCode.getScope(target), target);
  return (variable?.references ?? []).filter((ref) => ref.isRead()).map((ref) => ref.identifier as TSESTree.Identifier);
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
      if (node) found.push(node);
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

/**
 * Reports for every use of `patterns` in the file that its trigger, instance uses and scope make a finding.
 * Patterns scoped to `request` report where the write happens; others where the state is created.
 */
export function libraryReports(context: StatelessRuleContext, patterns: readonly LibraryPattern[]): Report[] {
  const reports: Report[] = [];
  const inRequest = (node: TSESTree.Node) => requestContext(context).isInRequestHandling(node);
  for (const { item: pattern, call, args } of findApiUses(context.sourceCode, patterns, (row) => row.api)) {
    if (evaluateTrigger(context.sourceCode, pattern.when, args) !== true) continue;
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
      const chained = chainedCall(call, pattern.chainMethod);
      if (!chained) continue;
      sites = [chained];
    }
    for (const site of sites) {
      if (pattern.scope === 'request' && !inRequest(site)) continue;
      const api = site.type === AST_NODE_TYPES.CallExpression ? context.sourceCode.getText(site.callee) : pattern.library;
      const name = instanceVariable(call)?.name ?? pattern.library;
      reports.push({ node: site, messageId: pattern.messageId, data: { library: pattern.library, api, name } });
    }
  }
  return reports;
}
