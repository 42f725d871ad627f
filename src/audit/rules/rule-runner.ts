/**
 * Runs the plugin's rules over one file as ESLint's Linter would, without the machinery they never use.
 * Every rule is made by `createCheckRule`: it listens only to `Program:exit`, walks the AST itself and reads no
 * tokens. So ESLint's config lookup per file, its selector traversal, code-path analysis and the parser's token
 * conversion are pure cost: without them the rule pass takes about a third less CPU. What a rule does see is
 * built as ESLint builds it: the same text, parser settings, scope analysis, `SourceCode` with its globals, parent
 * pointers, and the same translation of a report into a message. rule-runner.test.ts holds both to the same
 * results on every fixture.
 */
import tsParser from '@typescript-eslint/parser';
import { analyze } from '@typescript-eslint/scope-manager';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { Linter, SourceCode, type Rule } from 'eslint';
import type { SourceFile } from 'typescript';
import { interpolate } from '../../catalog.js';
import { lineOf } from '../syntax/file-nodes.js';
import { deepestNode, isStackOverflow, parseOrOverflowingLine } from '../syntax/nesting.js';
import { ts } from '../syntax/typescript.js';

export type SourceType = 'module' | 'commonjs';

/** A report as ESLint's `LintMessage` gives it: 1-based line and column, the message filled in. */
export interface RuleProblem {
  ruleId: string;
  /** The rule's message id, when it reported one (as ESLint's LintMessage has it). */
  messageId?: string;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * One file's outcome: ESLint's fatal parsing message, or the rules' problems and the file's comments (and whether
 * the parse given was converted, or the text parsed again).
 */
export type FileOutcome =
  | { fatal: { message: string; line: number; column: number } }
  | { problems: RuleProblem[]; comments: TSESTree.Comment[]; convertedGivenParse: boolean };

/** The language options the audit's ESLint config gave: @typescript-eslint/parser, JSX on, the file's source type. */
function configuredLanguageOptions(sourceType: SourceType): Linter.LanguageOptions {
  return { parser: tsParser, sourceType, parserOptions: { ecmaFeatures: { jsx: true } } };
}

/**
 * The language options as ESLint normalizes them (`ecmaVersion: 'latest'` becomes the installed ESLint's year),
 * asked of ESLint itself once: they decide which globals the scope gets, so they must match its version.
 */
function normalizedLanguageOptions(sourceType: SourceType): Linter.LanguageOptions {
  let seen: Linter.LanguageOptions | undefined;
  const probe: Rule.RuleModule = { create: (context) => ((seen = context.languageOptions), {}) };
  const config: Linter.Config = { files: ['**/*.js'], languageOptions: configuredLanguageOptions(sourceType), plugins: { probe: { rules: { probe } } }, rules: { 'probe/probe': 'error' } };
  new Linter({ configType: 'flat' }).verify('', [config], `${process.cwd()}/probe.js`);
  if (!seen) throw new Error('ESLint did not report its language options');
  return seen;
}

let normalized: Record<SourceType, Linter.LanguageOptions> | undefined;

// ESLint reads a shebang as a line comment: `#!` becomes `//`, so offsets stay (eslint/lib/shared/ast-utils.js).
const SHEBANG = /^#!([^\r\n\u2028\u2029]*)/u;

/**
 * The line of the deepest node of a file the rules ran out of stack on (of `parsedSource` when it was converted),
 * as the compiler parses it; the line where the compiler too runs out of stack when it does.
 */
export function deepestLineOf(filePath: string, text: string, parsedSource?: SourceFile): number {
  const parse = parsedSource ? { parsed: parsedSource } : parseOrOverflowingLine(text, (code) => ts.createSourceFile(filePath, code, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true));
  return 'line' in parse ? parse.line : lineOf(deepestNode(parse.parsed).node);
}

/** The parser's own settings that a parse made elsewhere must have been made with. */
interface ParserSettings {
  filePath: string;
  jsx: boolean;
  sourceType: 'module' | 'script';
}

/**
 * True when `parsed`, a parse the audit made with the parser's settings (load/parse.ts, parseSource: latest syntax, no
 * JSDoc, the script kind of the file name), is what typescript-estree's own parse of `text` would be: the same text
 * (so not a file whose BOM or shebang ESLint takes off) and file name, and, for a module, a file the compiler also
 * took for one (typescript-estree marks every module so, which changes how a top-level `await` parses).
 */
function isReusableParse(parsed: SourceFile, text: string, { filePath, sourceType }: ParserSettings): boolean {
  return parsed.text === text && parsed.fileName === filePath && parsed.languageVersion === ts.ScriptTarget.Latest && (sourceType !== 'module' || ts.isExternalModule(parsed));
}

/**
 * What ESLint's JS language plus @typescript-eslint/parser's parseForESLint do, without tokens. Throws their
 * errors. `parsedSource`, when it is what the parser would make of `text`, is converted instead of parsing again.
 */
function parseAndAnalyze(text: string, filePath: string, languageOptions: Linter.LanguageOptions, comment: boolean, parsedSource?: SourceFile) {
  const ecmaFeatures = (languageOptions.parserOptions?.['ecmaFeatures'] ?? {}) as { jsx?: boolean; globalReturn?: boolean };
  // The parser knows only 'module' and 'script'; ESLint hands 'commonjs' through and the parser makes it 'script'.
  const settings: ParserSettings = { filePath, jsx: ecmaFeatures.jsx === true, sourceType: languageOptions.sourceType === 'module' ? 'module' : 'script' };
  const reused = parsedSource && isReusableParse(parsedSource, text, settings) ? parsedSource : undefined;
  // parse() converts a source file given as its code as it is (typescript-estree's createSourceFile), though its
  // type declares only a string; rule-runner.test.ts holds the conversions of reused parses to ESLint's results.
  const ast = parse((reused ?? text) as string, {
    ...settings, // the file name's extension decides TSX/TS/JS parsing, as in ESLint
    comment,
    loc: true,
    range: true,
    tokens: false, // no rule reads tokens; ESLint's SourceCode gets an empty list
    errorOnTypeScriptSyntacticAndSemanticIssues: false,
    onUnsupportedTypeScriptVersion: 'warn',
  });
  ast.sourceType = settings.sourceType;
  Object.assign(ast, { tokens: [], comments: ast.comments ?? [] });
  return { ast, scopeManager: analyze(ast, { globalReturn: ecmaFeatures.globalReturn, sourceType: settings.sourceType }), converted: reused !== undefined };
}

function isNode(value: unknown): value is TSESTree.Node {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * `node.parent` for every node ESLint's traversal visits, in its order (eslint/lib/shared/traverser.js), with a stack
 * of its own instead of recursion: generated code nests thousands deep.
 */
function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  const parents: (TSESTree.Node | null)[] = [null];
  const children: TSESTree.Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    (node as { parent: TSESTree.Node | null }).parent = parents.pop()!;
    const record = node as unknown as Record<string, unknown>;
    // Unknown node types: ESLint falls back to eslint-visitor-keys' getKeys, which is this filter.
    const keys = visitorKeys[node.type] ?? Object.keys(node).filter((key) => key !== 'parent' && key !== 'leadingComments' && key !== 'trailingComments' && !key.startsWith('_'));
    // Plain loops: this runs for every node of every file.
    for (let i = 0; i < keys.length; i++) {
      const child = record[keys[i]!];
      if (Array.isArray(child)) {
        for (let j = 0; j < child.length; j++) if (isNode(child[j])) children.push(child[j] as TSESTree.Node);
      } else if (isNode(child)) {
        children.push(child);
      }
    }
    // Pushed last to first, so that they come off the stack in the order a recursive walk visits them.
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i]!);
      parents.push(node);
    }
    children.length = 0;
  }
}

type Position = { line: number; column: number };
/** What a rule passes to `context.report()`: a node or a location, and a message or a message id with data. */
interface Descriptor {
  node?: { loc: { start: Position; end: Position } };
  loc?: { start: Position; end?: Position | null } | Position;
  messageId?: string;
  message?: string;
  data?: Record<string, unknown>;
}

/** ESLint's translation of one `context.report()` into a problem (eslint/lib/linter/file-report.js). */
function problemOf(ruleId: string, rule: Rule.RuleModule, { node, loc: given, messageId, message, data }: Descriptor): RuleProblem {
  const messages = rule.meta?.messages;
  if (messageId && message) throw new TypeError('context.report() called with a message and a messageId. Please only pass one.');
  if (messageId && (!messages || !Object.hasOwn(messages, messageId))) throw new TypeError(`context.report() called with a messageId of '${messageId}' which is not present in the 'messages' config: ${JSON.stringify(messages, null, 2)}`);
  const template = messageId ? messages![messageId]! : message;
  if (!template) throw new TypeError('Missing `message` property in report() call; add a message that describes the linting problem.');
  if (!given && !node) throw new Error('Node must be provided when reporting error if location is not provided');
  const loc = given ? ('start' in given ? given : { start: given, end: null }) : node!.loc;
  // ESLint's lines are 1-based already, its columns 0-based: columns gain one.
  const problem: RuleProblem = { ruleId, message: interpolate(template, data), line: loc.start.line, column: loc.start.column + 1 };
  if (messageId) problem.messageId = messageId;
  if (loc.end) Object.assign(problem, { endLine: loc.end.line, endColumn: loc.end.column + 1 });
  return problem;
}

/**
 * A function that runs `rules` (by the id ESLint would give them, in config order) over one file, as
 * `new Linter({ cwd }).verify(text, config, filename)` would with the audit's config. No rule reads comments:
 * `wantsComments` may say a file's are not needed (finding them scans every token of the file). A compiler parse
 * of the file made elsewhere is converted instead of parsing again when it is what the parser would make.
 */
export function createRuleRunner(cwd: string, rules: readonly (readonly [string, Rule.RuleModule])[], settings: Record<string, unknown>, wantsComments: (text: string) => boolean = () => true) {
  const languageOptions = (normalized ??= { module: normalizedLanguageOptions('module'), commonjs: normalizedLanguageOptions('commonjs') });
  return (filename: string, rawText: string, sourceType: SourceType, parsedSource?: SourceFile): FileOutcome => {
    const hasBOM = rawText.charCodeAt(0) === 0xfeff;
    const text = hasBOM ? rawText.slice(1) : rawText;
    let parsed: ReturnType<typeof parseAndAnalyze>;
    try {
      parsed = parseAndAnalyze(text.replace(SHEBANG, (_, rest: string) => `//${rest}`), filename, languageOptions[sourceType], wantsComments(text), parsedSource);
    } catch (error) {
      // Not a parsing error of the file's: the caller says it is nested too deeply (see nesting.ts).
      if (isStackOverflow(error)) throw error;
      // As ESLint's JS language turns a parser exception into its fatal message.
      const { message, lineNumber, column } = error as Error & { lineNumber: number; column: number };
      return { fatal: { message: `Parsing error: ${message.replace(/^line \d+:/iu, '').trim()}`, line: lineNumber, column } };
    }
    const { ast, scopeManager, converted } = parsed;
    setParents(ast);
    // The casts bridge typescript-eslint's AST and scope types to ESLint's, which describe the same objects.
    const sourceCode = new SourceCode({ text, ast: ast as never, hasBOM, parserServices: {}, scopeManager: scopeManager as never, visitorKeys: visitorKeys as SourceCode.VisitorKeys });
    // The globals of the ecmaVersion and source type (`require`, `setInterval`, …) join the global scope.
    const internal = sourceCode as unknown as { applyLanguageOptions(options: Linter.LanguageOptions): void; finalize(): void };
    internal.applyLanguageOptions(languageOptions[sourceType]);
    internal.finalize();
    const problems: RuleProblem[] = [];
    const base = { cwd, filename, physicalFilename: filename, sourceCode, languageOptions: languageOptions[sourceType], settings };
    const exits = rules.map(([id, rule]) => {
      const context = Object.freeze({ ...base, id, options: [], report: (descriptor: Descriptor) => void problems.push(problemOf(id, rule, descriptor)) });
      let listeners: Rule.RuleListener;
      try {
        listeners = rule.create(context as unknown as Rule.RuleContext);
      } catch (error) {
        (error as Error).message = `Error while loading rule '${id}': ${(error as Error).message}`;
        throw error;
      }
      const other = Object.keys(listeners).find((selector) => selector !== 'Program:exit');
      if (other) throw new Error(`rule '${id}' listens to '${other}'; this runner calls only 'Program:exit' (see src/audit/rules/rule-runner.ts)`);
      return listeners['Program:exit'];
    });
    for (const exit of exits) exit?.(ast as never);
    // ESLint's order: by line, then column; reports at the same place keep rule order (a stable sort).
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return { problems, comments: ast.comments ?? [], convertedGivenParse: converted };
  };
}
