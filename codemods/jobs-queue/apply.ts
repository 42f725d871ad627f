/** Rewriting a planned timer: a module-level `defineJob(…)` declaration, and `scheduleJob(job)` where the timer was. */
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { stringLiteral, type SourceStyle } from '../kit/style.js';
import { parseStatements, withCommentsOf } from './text-statements.js';
import { topStatement, type PlannedJob, type ScheduleValue } from './plan.js';

type AnyNode = { type: string; [key: string]: unknown };

/** Stand-ins for the adapter's functions until their imports are added (which may rename them). */
export const DEFINE_JOB_PLACEHOLDER = '__statelessDefineJob__';
export const SCHEDULE_JOB_PLACEHOLDER = '__statelessScheduleJob__';

function valueNode(j: JSCodeshift, value: ScheduleValue): unknown {
  return 'path' in value ? value.path.node : j.stringLiteral(value.text);
}

/** Fills `__name__` placeholders of a parsed statement with nodes. */
function fill(j: JSCodeshift, node: AnyNode, values: Record<string, unknown>): void {
  j(node as never)
    .find(j.Identifier)
    .filter((identifier) => identifier.node.name in values)
    .forEach((identifier) => {
      identifier.replace(values[identifier.node.name] as never);
    });
}

/** The `module.exports = …` statement at the top of a CommonJS file, if any. */
export function moduleExportsStatement(j: JSCodeshift, root: Collection): ASTPath | undefined {
  return root
    .find(j.ExpressionStatement)
    .filter((path) => {
      const expression = path.node.expression as AnyNode;
      return (path.parent.node as AnyNode).type === 'Program' && expression.type === 'AssignmentExpression' && j(expression.left as never).toSource() === 'module.exports';
    })
    .paths()[0];
}

/** Adds `name` to `module.exports = { … }`, keeping a one-line object on one line. */
function addToExportedObject(j: JSCodeshift, exportStatement: ASTPath, name: string): void {
  const object = ((exportStatement.node as AnyNode).expression as AnyNode).right as AnyNode & { loc?: { start: { line: number }; end: { line: number } } };
  const properties = object.properties as unknown[];
  if (object.loc && object.loc.start.line === object.loc.end.line) {
    const listed = [...properties.map((property) => j(property as never).toSource()), name].join(', ');
    exportStatement.replace(...parseStatements(j, withCommentsOf(exportStatement.node as AnyNode, `module.exports = { ${listed} };`)));
    return;
  }
  const property = j.objectProperty(j.identifier(name), j.identifier(name));
  property.shorthand = true;
  properties.push(property);
}

/** Makes the job's declaration importable by the worker: `export const`, or `module.exports` in CommonJS. */
function exportStatements(j: JSCodeshift, root: Collection, exportName: string, declaration: string, style: SourceStyle): AnyNode[] {
  if (style.module === 'esm') return parseStatements(j, `export ${declaration}`);
  const exportStatement = moduleExportsStatement(j, root);
  if (exportStatement) {
    addToExportedObject(j, exportStatement, exportName);
    return parseStatements(j, declaration);
  }
  return parseStatements(j, `${declaration}\nexports.${exportName} = ${exportName};`);
}

/** `Promise<void>`: what a function returning `scheduleJob(…)` now returns. */
function promiseOfVoid(j: JSCodeshift) {
  return j.tsTypeAnnotation(j.tsTypeReference(j.identifier('Promise'), j.tsTypeParameterInstantiation([j.tsVoidKeyword()])));
}

/** Rewrites one planned job in place. */
export function applyJob(j: JSCodeshift, root: Collection, job: PlannedJob, names: { exportName: string; id: string }, style: SourceStyle): void {
  const { exportName, id } = names;
  const schedule =
    'every' in job.schedule
      ? '{ every: __every__ }'
      : job.schedule.tz
        ? '{ pattern: __pattern__, tz: __tz__ }'
        : '{ pattern: __pattern__ }';
  const declaration = `const ${exportName} = ${DEFINE_JOB_PLACEHOLDER}(${stringLiteral(id, style.quote)}, ${schedule}, __callback__);`;
  const values: Record<string, unknown> = { __callback__: job.request.callback.node };
  if ('every' in job.schedule) values.__every__ = valueNode(j, job.schedule.every);
  else {
    values.__pattern__ = valueNode(j, job.schedule.pattern);
    if (job.schedule.tz) values.__tz__ = valueNode(j, job.schedule.tz);
  }
  const statements = exportStatements(j, root, exportName, declaration, style);
  fill(j, statements[0]!, values);

  const before = topStatement(job.call);
  const scheduled = j.callExpression(j.identifier(SCHEDULE_JOB_PLACEHOLDER), [j.identifier(exportName)]);
  const use = job.use;
  for (const dropped of use.droppedStatements) dropped.prune();
  if (use.kind === 'declaration') use.statement!.replace(j.expressionStatement(scheduled));
  else use.expression.replace(scheduled);
  if (use.kind === 'return' && use.returningFunction && (use.returningFunction.node as AnyNode).returnType) {
    (use.returningFunction.node as AnyNode).returnType = promiseOfVoid(j);
  }
  // Before inserting: recast keeps the blank lines around the new statement only in that order.
  removeUnusedOptionVariables(j, root, job.request.optionVariables);
  for (const node of statements) before.insertBefore(node);
}

/** Removes option objects held in variables that nothing uses once their scheduler call is gone. */
function removeUnusedOptionVariables(j: JSCodeshift, root: Collection, declarators: readonly ASTPath[]): void {
  for (const declarator of declarators) {
    const id = (declarator.node as AnyNode).id as AnyNode;
    const declaration = declarator.parent as ASTPath | null;
    if (id.type !== 'Identifier' || !declaration || ((declaration.node as AnyNode).declarations as unknown[] | undefined)?.length !== 1) continue;
    const stillUsed = root.find(j.Identifier, { name: id.name as string }).filter((identifier) => (identifier.node as unknown) !== id).size() > 0;
    if (!stillUsed && (declaration.parent?.node as AnyNode | undefined)?.type !== 'ExportNamedDeclaration') declaration.prune();
  }
}
