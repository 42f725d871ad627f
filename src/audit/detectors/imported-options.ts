/**
 * Options objects built in another file: `session(sessionOptions)` where `sessionOptions` (or
 * `require('./session-options')`) has no `store`. The rules cannot see the object; the audit follows it.
 */
import { Node, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';
import { allLibraryPatterns, type LibraryPattern, type OptionsArgument, type Trigger } from '../../knowledge/index.js';
import { calleeTarget, fileBindings, finalApiNames, matchesApi } from '../bindings.js';
import { callsNamed, lineOf, newsNamed } from '../file-nodes.js';
import type { CrossFileHit, DetectorContext } from './context.js';

type OptionsTrigger = Extract<Trigger, { kind: 'optionMissing' | 'optionPresent' | 'optionEquals' }>;

function optionsArgument(args: Node[], argument: OptionsArgument = 0): Node | undefined {
  if (argument === 'last') return args.length > 1 ? args[args.length - 1] : undefined;
  return args[argument];
}

/** `module.exports = { … }` or `export default { … }` of a file. */
function exportedObject(sourceFile: SourceFile): ObjectLiteralExpression | undefined {
  for (const statement of sourceFile.getStatements()) {
    if (Node.isExportAssignment(statement)) {
      const expression = statement.getExpression();
      if (Node.isObjectLiteralExpression(expression)) return expression;
    }
    if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (Node.isBinaryExpression(expression) && expression.getLeft().getText() === 'module.exports' && Node.isObjectLiteralExpression(expression.getRight())) {
        return expression.getRight() as ObjectLiteralExpression;
      }
    }
  }
  return undefined;
}

/** The object literal an options argument comes from, when it is built in another audited file. */
function importedObject(context: DetectorContext, node: Node, fromRelative: string): ObjectLiteralExpression | undefined {
  if (Node.isCallExpression(node) && node.getExpression().getText() === 'require') {
    const [specifier] = node.getArguments();
    const target = specifier && Node.isStringLiteral(specifier) ? context.graph.resolve(fromRelative, specifier.getLiteralValue()) : undefined;
    const sourceFile = target ? context.loaded.sourceFile(target) : undefined;
    return sourceFile && exportedObject(sourceFile);
  }
  if (!Node.isIdentifier(node)) return undefined;
  for (const value of context.declarations.of(node)) {
    if (Node.isObjectLiteralExpression(value)) return value.getSourceFile() === node.getSourceFile() ? undefined : value;
    if (Node.isSourceFile(value)) return exportedObject(value);
    const init = Node.isVariableDeclaration(value) ? value.getInitializer() : undefined;
    // Same-file objects are the rules' to judge; the audit follows what lives in other files.
    if (init && Node.isObjectLiteralExpression(init) && value.getSourceFile() !== node.getSourceFile()) return init;
  }
  return undefined;
}

/** true: a finding; false: fine; undefined: the object hides keys (spreads, computed names). */
function evaluate(trigger: OptionsTrigger, object: ObjectLiteralExpression): boolean | undefined {
  const complete = !object.getProperties().some((property) => Node.isSpreadAssignment(property) || (Node.isPropertyAssignment(property) && Node.isComputedPropertyName(property.getNameNode())));
  const value = (key: string) => {
    const property = object.getProperty(key);
    return property && Node.isPropertyAssignment(property) ? property.getInitializer() : property;
  };
  switch (trigger.kind) {
    case 'optionMissing':
      return trigger.keys.some((key) => value(key)) ? false : complete ? true : undefined;
    case 'optionPresent':
      return trigger.keys.some((key) => value(key)) ? true : complete ? false : undefined;
    case 'optionEquals': {
      const found = value(trigger.key);
      if (!found) return complete ? false : undefined;
      const text = Node.isStringLiteral(found) ? found.getLiteralValue() : found.getText();
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
      const target = calleeTarget(call.getExpression(), bindings);
      if (!target) continue;
      const use = Node.isNewExpression(call) ? 'construct' : 'call';
      for (const pattern of patterns.filter((candidate) => candidate.api.use === use && matchesApi(target, candidate.api))) {
        const argument = optionsArgument(call.getArguments(), pattern.when.argument);
        const object = argument && importedObject(context, argument, relative);
        if (!object || evaluate(pattern.when, object) !== true) continue;
        const objectFile = context.relativeOf(object.getSourceFile()) ?? '';
        hits.push({
          ruleId: pattern.check,
          messageId: pattern.messageId,
          data: { library: pattern.library, api: call.getExpression().getText(), name: pattern.library },
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
