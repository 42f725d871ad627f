/** Writes to the local disk while handling requests: fs writers, upload middleware, generated exports. */
import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { localFilePatterns, uploadedFileMoveMethod } from '../src/knowledge/index.js';
import { propertyName, unwrapExpression, walk } from './kit/ast.js';
import { createCheckRule, type Report, type StatelessRuleContext } from './kit/create-rule.js';
import { libraryReports } from './kit/library-reports.js';
import { requestContext } from './kit/request-context.js';

/** Does `node` (or the variable it names) come from `<request>.files`? */
function fromUploadedFiles(context: StatelessRuleContext, node: TSESTree.Node): boolean {
  const inner = unwrapExpression(node);
  const text = (n: TSESTree.Node) => context.sourceCode.getText(n);
  const pattern = new RegExp(`\\.${uploadedFileMoveMethod.requestProperty}\\b`);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0];
    const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
    return init !== null && pattern.test(text(init));
  }
  return pattern.test(text(inner));
}

/** express-fileupload: `req.files.avatar.mv(path)` moves the upload to local disk. */
function uploadedFileMoves(context: StatelessRuleContext): Report[] {
  const reports: Report[] = [];
  walk(context.sourceCode.ast, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== uploadedFileMoveMethod.method) return;
    if (!fromUploadedFiles(context, callee.object) || !requestContext(context).isInRequestHandling(node)) return;
    reports.push({ node, messageId: 'fsWrite', data: { api: context.sourceCode.getText(node.callee), library: uploadedFileMoveMethod.library } });
  });
  return reports;
}

export default createCheckRule('no-local-file-write', (context) => [...libraryReports(context, localFilePatterns), ...uploadedFileMoves(context)]);
