/**
 * Options objects built in another file: `session(sessionOptions)` where `sessionOptions` (or
 * `require('./session-options')`) has no `store`. The rules cannot see the object; the audit follows it.
 */
import type { Expression, Node, ObjectLiteralExpression, SourceFile } from 'typescript';
import { allLibraryPatterns, type LibraryPattern, type OptionsArgument, type Trigger } from '../../knowledge/index.js';
import { calleeTarget, fileBindings, finalApiNames, matchesApi } from '../syntax/bindings.js';
import { callsNamed, lineOf, newsNamed, propertyNamed } from '../syntax/file-nodes.js';
import { ts } from '../syntax/typescript.js';
import type { CrossFileHit, DetectorContext } from './context.js';

type OptionsTrigger = Extract<Trigger, { kind: 'optionMissing' | 'optionPresent' | 'optionEquals' }>;

function optionsArgument(args: readonly Expression[], argument: OptionsArgument = 0): Expression | undefined {
  if (argument === 'last') return args.length > 1 ? args[args.length - 1] : undefined;
  return args[argument];
}

/** `module.exports = { … }` or `export default { … }` of a file. */
function exportedObject(sourceFile: SourceFile): ObjectLiteralExpression | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement) && ts.isObjectLiteralExpression(statement.expression)) return statement.expression;
    if (ts.isExpressionStatement(statement)) {
      const { expression } = statement;
      if (ts.isBinaryExpression(expression) && expression.left.getText() === 'module.exports' && ts.isObjectLiteralExpression(expression.right)) return expression.right;
    }
  }
  return undefined;
}

/** The object literal an options argument comes from, when it is built in another audited file. */
function importedObject(context: DetectorContext, node: Node, fromRelative: string): ObjectLiteralExpression | undefined {
  if (ts.isCallExpression(node) && node.expression.getText() === 'require') {
    const [specifier] = node.arguments;
    const target = specifier && ts.isStringLiteral(specifier) ? context.graph.resolve(fromRelative, specifier.text) : undefined;
    const sourceFile = target ? context.loaded.sourceFile(target) : undefined;
    return sourceFile && exportedObject(sourceFile);
  }
  if (!ts.isIdentifier(node)) return undefined;
  for (const value of context.declarations.of(node)) {
    if (ts.isObjectLiteralExpression(value)) return value.getSourceFile() === node.getSourceFile() ? undefined : value;
    if (ts.isSourceFile(value)) return exportedObject(value);
    const init = ts.isVariableDeclaration(value) ? value.initializer : undefined;
    // Same-file objects are the rules' to judge; the audit follows what lives in other files.
    if (init && ts.isObjectLiteralExpression(init) && value.getSourceFile() !== node.getSourceFile()) return init;
  }
  return undefined;
}

/** true: a finding; false: fine; undefined: the object hides keys (spreads, computed names). */
function evaluate(trigger: OptionsTrigger, object: ObjectLiteralExpression): boolean | undefined {
  const complete = !object.properties.some((property) => ts.isSpreadAssignment(property) || (ts.isPropertyAssignment(property) && ts.isComputedPropertyName(property.name)));
  const value = (key: string): Node | undefined => {
    const property = propertyNamed(object, key);
    return property && ts.isPropertyAssignment(property) ? property.initializer : property;
  };
  switch (trigger.kind) {
    case 'optionMissing':
      return trigger.keys.some((key) => value(key)) ? false : complete ? true : undefined;
    case 'optionPresent':
      return trigger.keys.some((key) => value(key)) ? true : complete ? false : undefined;
    case 'optionEquals': {
      const found = value(trigger.key);
      if (!found) return complete ? false : undefined;
      const text = ts.isStringLiteral(found) ? found.text : found.getText();
      return trigger.values.includes(text);
    }
  }
}

function isOptionsPattern(pattern: LibraryPattern): pattern is LibraryPattern & { when: OptionsTrigger } {
  return pattern.when !== undefined && pattern.when.kind !== 'firstArgumentIn' && pattern.api.use !== 'plugin' && !pattern.instance;
}

/** Library calls whose options object comes from another file and makes them a finding. */
export function importedOptions(context: DetectorContext): CrossFileHit[] {
  const patterns = allLibraryPatterns.filter(isOptionsPattern);
  const namesOf = (use: 'call' | 'construct') => new Set(finalApiNames(patterns.filter((pattern) => pattern.api.use === use).map((pattern) => pattern.api)));
  const callNames = namesOf('call');
  const classNames = namesOf('construct');
  const hits: CrossFileHit[] = [];
  for (const { relative, sourceFile } of context.webFiles()) {
    const bindings = fileBindings(sourceFile);
    const isBound = (name: string) => bindings.has(name);
    const calls = [...callsNamed(sourceFile, callNames, isBound), ...newsNamed(sourceFile, classNames, isBound)];
    for (const call of calls) {
      const target = calleeTarget(call.expression, bindings);
      if (!target) continue;
      const use = ts.isNewExpression(call) ? 'construct' : 'call';
      for (const pattern of patterns.filter((candidate) => candidate.api.use === use && matchesApi(target, candidate.api))) {
        const argument = optionsArgument(call.arguments ?? [], pattern.when.argument);
        const object = argument && importedObject(context, argument, relative);
        if (!object || evaluate(pattern.when, object) !== true) continue;
        const objectFile = context.relativeOf(object.getSourceFile()) ?? '';
        hits.push({
          ruleId: pattern.check,
          messageId: pattern.messageId,
          data: { library: pattern.library, api: call.expression.getText(), name: pattern.library },
          node: call,
          evidence: [
            { file: objectFile, line: lineOf(object), note: `options for ${pattern.library} built here` },
            { file: relative, line: lineOf(call), note: `${pattern.library} called with them` },
          ],
        });
      }
    }
  }
  return hits;
}
