/** Writes to the local disk while handling requests: fs writers, upload middleware, generated exports. */
import { ASTUtils, AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { localFilePatterns, uploadedFileMoveMethod } from '../src/knowledge/index.js';
import { propertyName, unwrapExpression } from './kit/ast.js';
import { createCheckRule, type Report, type StatelessRuleContext } from './kit/create-rule.js';
import { fileIndex } from './kit/file-index.js';
import { libraryReports } from './kit/library-reports.js';
import { requestContext } from './kit/request-context.js';

// How many `const x = …` hops are followed back to `<request>.files`.
const MAX_ALIAS_DEPTH = 3;

/** Does `node` come from `<request>.files`: `req.files.avatar`, `req.files?.doc`, or a variable holding one? */
function fromUploadedFiles(context: StatelessRuleContext, node: TSESTree.Node, depth = 0): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    return propertyName(inner) === uploadedFileMoveMethod.requestProperty || fromUploadedFiles(context, inner.object, depth);
  }
  if (inner.type !== AST_NODE_TYPES.Identifier || depth >= MAX_ALIAS_DEPTH) return false;
  const definition = ASTUtils.findVariable(context.sourceCode.getScope(inner), inner)?.defs[0];
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  // `const { files } = req`: the destructured property is `<request>.files` itself.
  const property = definition.name.parent;
  if (property?.type === AST_NODE_TYPES.Property && property.value === definition.name && propertyName(property) === uploadedFileMoveMethod.requestProperty) return true;
  return fromUploadedFiles(context, definition.node.init, depth + 1);
}

/** express-fileupload: `req.files.avatar.mv(path)` moves the upload to local disk. */
function uploadedFileMoves(context: StatelessRuleContext): Report<'no-local-file-write'>[] {
  const reports: Report<'no-local-file-write'>[] = [];
  for (const node of fileIndex(context.sourceCode).calls) {
    const callee = unwrapExpression(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee) !== uploadedFileMoveMethod.method) continue;
    if (!fromUploadedFiles(context, callee.object) || !requestContext(context).isInRequestHandling(node)) continue;
    reports.push({ node, messageId: 'fsWrite', data: { api: context.sourceCode.getText(node.callee), library: uploadedFileMoveMethod.library } });
  }
  return reports;
}

export default createCheckRule('no-local-file-write', (context) => [...libraryReports(context, localFilePatterns), ...uploadedFileMoves(context)]);
