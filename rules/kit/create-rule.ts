/** Builds an ESLint rule from a catalog entry and a detector, so every rule has the same shape and options. */
import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { checks, docsUrl, type CheckId, type MessageId } from '../../src/catalog.js';
import { fileRoleOptionsSchema, isWebProcessFile, type FileRoleOptions } from './file-roles.js';

/** Docs of every rule; `category` is the checklist item it belongs to. */
export interface StatelessRuleDocs {
  category: string;
}

/** One finding of a detector: where, which message of check `C` (of any check by default), and the message's data. */
export interface Report<C extends CheckId = CheckId> {
  node: TSESTree.Node;
  messageId: MessageId<C>;
  data?: Record<string, string | number>;
}

export type RuleOptions = [FileRoleOptions];
export type StatelessRuleContext = Readonly<TSESLint.RuleContext<string, RuleOptions>>;

const createRule = ESLintUtils.RuleCreator<StatelessRuleDocs>(docsUrl);

/**
 * A rule for catalog check `id`: skips files outside the web process, runs `detect` once per file,
 * and reports each finding once per line and message. Only `Program:exit`, and no tokens: the audit runs the
 * rules without ESLint's traversal and with an empty token list (src/audit/rules/rule-runner.ts).
 */
export function createCheckRule<C extends CheckId>(id: C, detect: (context: StatelessRuleContext) => Iterable<Report<NoInfer<C>>>) {
  const check = checks[id];
  return createRule<RuleOptions, string>({
    name: id,
    meta: {
      type: 'problem',
      docs: { description: `${check.title}. ${check.remedy}`, category: check.category },
      messages: check.messages,
      schema: [fileRoleOptionsSchema],
      defaultOptions: [{}],
    },
    create(context) {
      if (!isWebProcessFile(context)) return {};
      return {
        'Program:exit'() {
          const seen = new Set<string>();
          for (const report of detect(context)) {
            const key = `${report.node.range[0]}:${report.messageId}`;
            if (seen.has(key)) continue;
            seen.add(key);
            context.report({ node: report.node, messageId: report.messageId, data: report.data ?? {} });
          }
        },
      };
    },
  });
}
