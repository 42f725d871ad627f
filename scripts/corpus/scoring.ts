/**
 * The corpus scorer's pure part: reading labels, the span a label covers, matching tool findings to labels, and the
 * arithmetic (recall, precision, unjudged). No file system, no tools: scripts/corpus/score.ts feeds it.
 *
 * Matching rule (strict on purpose):
 * - A label names the first line of the statement that creates the state. Its span runs from that line to the end
 *   of the outermost syntax node that *begins* on that line (a statement, a class member, an object property, a
 *   call nested in an argument list…); when no node begins there, the span is that one line.
 * - A finding matches a label when it is in the same file and its line lies inside the label's span. A finding
 *   inside several spans (nested labels) goes to the narrowest one. A finding on an earlier line of an enclosing
 *   statement does not match.
 * - One alias: when the label's statement assigns a variable declared elsewhere in the file without the value
 *   (`let io;` … `io = new Server()`, or a class field `private x;` … `this.x = new Map()`), a finding on that
 *   declaration's line also matches (the state is created by the assignment, tools often point at the variable).
 *   Only when no label's span holds the finding.
 * - Recall counts a stateful label as found when at least one finding matches it, whatever the finding's category
 *   (how many of those also agree on the category is counted apart). Precision counts findings: of the findings
 *   that land on any label, the share that land on stateful ones, per finding category.
 */
import path from 'node:path';
import ts from 'typescript';

export const CATEGORIES = ['sessions', 'caches', 'files', 'jobs', 'realtime', 'counters'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Verdict = 'stateful' | 'benign';

export interface Label {
  /** Relative to the extracted repository root, `/`-separated. */
  file: string;
  /** First line of the statement that creates the state (1-based). */
  line: number;
  verdict: Verdict;
  category: Category;
  /** The state is only visible across files: declared in one, changed by code in another that a handler reaches. */
  crossFile: boolean;
  note: string;
}

/** A label with the last line its span covers, and the declaration line of the variable it assigns, if any. */
export interface SpannedLabel extends Label {
  endLine: number;
  aliasLine?: number;
}

/** What a tool reported, reduced to what matching needs. */
export interface ToolFinding {
  file: string;
  line: number;
  category: Category;
  ruleId: string;
}

const isCategory = (value: unknown): value is Category => typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);

/** Checks one labels file's JSON; returns the labels that are well-formed and a message for each that is not. */
export function readLabels(raw: unknown, source: string): { labels: Label[]; errors: string[] } {
  const labels: Label[] = [];
  const errors: string[] = [];
  if (!Array.isArray(raw)) return { labels, errors: [`${source}: expected an array of labels`] };
  raw.forEach((entry: unknown, index) => {
    const at = `${source}[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      errors.push(`${at}: not an object`);
      return;
    }
    const { file, line, verdict, category, crossFile, note } = entry as Record<string, unknown>;
    const problems: string[] = [];
    if (typeof file !== 'string' || file === '' || file.startsWith('/') || file.includes('\\')) problems.push('file must be a relative /-separated path');
    if (typeof line !== 'number' || !Number.isInteger(line) || line < 1) problems.push('line must be a positive integer');
    if (verdict !== 'stateful' && verdict !== 'benign') problems.push('verdict must be "stateful" or "benign"');
    if (!isCategory(category)) problems.push(`category must be one of ${CATEGORIES.join(', ')}`);
    if (typeof crossFile !== 'boolean') problems.push('crossFile must be true or false');
    if (typeof note !== 'string' || note.trim() === '') problems.push('note must say why');
    if (problems.length > 0) {
      errors.push(`${at}: ${problems.join('; ')}`);
      return;
    }
    labels.push({ file, line, verdict, category, crossFile, note } as Label);
  });
  const seen = new Set<string>();
  for (const label of labels) {
    const key = `${label.file}:${label.line}`;
    if (seen.has(key)) errors.push(`${source}: two labels on ${key}`);
    seen.add(key);
  }
  return { labels, errors };
}

function scriptKind(fileName: string): ts.ScriptKind {
  switch (path.extname(fileName)) {
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.jsx':
      return ts.ScriptKind.JSX;
    default:
      // Plain .js may hold JSX; the JSX scanner reads ordinary JavaScript the same.
      return ts.ScriptKind.JSX;
  }
}

/** Parses a file once for all the labels in it. */
export function parseForSpans(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
}

/** The outermost nodes (not the source file) that begin on `line`. */
function nodesBeginningOn(source: ts.SourceFile, line: number): ts.Node[] {
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const found: ts.Node[] = [];
  const visit = (node: ts.Node, parentStart: number) => {
    const start = lineOf(node.getStart(source));
    const last = lineOf(node.getEnd());
    if (start > line || last < line) return;
    if (start === line && parentStart < line) {
      found.push(node);
      return;
    }
    node.forEachChild((child) => visit(child, start));
  };
  // The source file itself never counts: a label on line 1 would otherwise cover the whole file.
  source.forEachChild((child) => visit(child, 0));
  return found;
}

/** The last line (1-based) of the outermost nodes that begin on `line`; `line` itself when none begins there. */
export function spanEnd(source: ts.SourceFile, line: number): number {
  return Math.max(line, ...nodesBeginningOn(source, line).map((node) => source.getLineAndCharacterOfPosition(node.getEnd()).line + 1));
}

/**
 * When the statement on `line` is `name = …` or `this.name = …`, the line of `name`'s declaration without a value
 * (a module-level `let name;` or a field `name;` of the enclosing class); otherwise undefined.
 */
export function assignedDeclarationLine(source: ts.SourceFile, line: number): number | undefined {
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  for (const node of nodesBeginningOn(source, line)) {
    if (!ts.isExpressionStatement(node)) continue;
    const assignment = node.expression;
    if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const target = assignment.left;
    if (ts.isIdentifier(target)) {
      for (const statement of source.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const declaration = statement.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === target.text);
        if (declaration && !declaration.initializer) return lineOf(statement);
      }
    } else if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) {
      let owner: ts.Node | undefined = node.parent;
      while (owner && !ts.isClassLike(owner)) owner = owner.parent;
      const field = owner?.members.find((member) => ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === target.name.text);
      if (field && ts.isPropertyDeclaration(field) && !field.initializer) return lineOf(field);
    }
  }
  return undefined;
}

/** Gives every label its span, reading each file's text through `readText` (undefined when the file is absent). */
export function spanLabels(labels: readonly Label[], readText: (file: string) => string | undefined): { spanned: SpannedLabel[]; missingFiles: Label[] } {
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const spanned: SpannedLabel[] = [];
  const missingFiles: Label[] = [];
  for (const label of labels) {
    if (!parsed.has(label.file)) {
      const text = readText(label.file);
      parsed.set(label.file, text === undefined ? undefined : parseForSpans(label.file, text));
    }
    const source = parsed.get(label.file);
    if (!source) {
      missingFiles.push(label);
      spanned.push({ ...label, endLine: label.line });
      continue;
    }
    const aliasLine = assignedDeclarationLine(source, label.line);
    spanned.push({ ...label, endLine: spanEnd(source, label.line), ...(aliasLine !== undefined ? { aliasLine } : {}) });
  }
  return { spanned, missingFiles };
}

/** The label a finding lands on (the narrowest span containing its line, else an alias line), or undefined. */
export function labelFor(labels: readonly SpannedLabel[], finding: ToolFinding): SpannedLabel | undefined {
  let best: SpannedLabel | undefined;
  for (const label of labels) {
    if (label.file !== finding.file || finding.line < label.line || finding.line > label.endLine) continue;
    if (!best || label.endLine - label.line < best.endLine - best.line || (label.endLine - label.line === best.endLine - best.line && label.line > best.line)) best = label;
  }
  return best ?? labels.find((label) => label.file === finding.file && label.aliasLine === finding.line);
}

export interface CategoryTally {
  /** Stateful labels of this category. */
  stateful: number;
  /** Benign labels of this category. */
  benign: number;
  /** Stateful labels of this category that some finding matched. */
  found: number;
  /** …matched by a finding of the label's own category. */
  foundSameCategory: number;
  /** Findings of this category on a stateful label. */
  onStateful: number;
  /** Findings of this category on a benign label. */
  onBenign: number;
  /** Findings of this category on no label. */
  unjudged: number;
}

export interface LabelHit {
  repo: string;
  label: SpannedLabel;
  /** Rule ids of the findings on it (empty for a miss). */
  rules: string[];
  /** Categories the findings on it were reported under. */
  categories: Category[];
}

export interface Score {
  byCategory: Record<Category, CategoryTally>;
  total: CategoryTally;
  crossFile: { stateful: number; found: number };
  /** Stateful labels no finding matched. */
  misses: LabelHit[];
  /** Stateful labels a finding matched. */
  hits: LabelHit[];
  /** Benign labels a finding matched. */
  falseAlarms: LabelHit[];
  /** Findings on no label. */
  unjudged: (ToolFinding & { repo: string })[];
}

function emptyTally(): CategoryTally {
  return { stateful: 0, benign: 0, found: 0, foundSameCategory: 0, onStateful: 0, onBenign: 0, unjudged: 0 };
}

export function emptyScore(): Score {
  return {
    byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, emptyTally()])) as Record<Category, CategoryTally>,
    total: emptyTally(),
    crossFile: { stateful: 0, found: 0 },
    misses: [],
    hits: [],
    falseAlarms: [],
    unjudged: [],
  };
}

/** Scores one repository's findings against its labels. */
export function scoreRepository(repo: string, labels: readonly SpannedLabel[], findings: readonly ToolFinding[]): Score {
  const score = emptyScore();
  const onLabel = new Map<SpannedLabel, ToolFinding[]>();
  for (const finding of findings) {
    const label = labelFor(labels, finding);
    const tally = score.byCategory[finding.category];
    if (!label) {
      tally.unjudged++;
      score.unjudged.push({ ...finding, repo });
      continue;
    }
    if (label.verdict === 'stateful') tally.onStateful++;
    else tally.onBenign++;
    onLabel.set(label, [...(onLabel.get(label) ?? []), finding]);
  }
  for (const label of labels) {
    const tally = score.byCategory[label.category];
    const matched = onLabel.get(label) ?? [];
    const hit: LabelHit = {
      repo,
      label,
      rules: [...new Set(matched.map((finding) => finding.ruleId))],
      categories: [...new Set(matched.map((finding) => finding.category))],
    };
    if (label.verdict === 'benign') {
      tally.benign++;
      if (matched.length > 0) score.falseAlarms.push(hit);
      continue;
    }
    tally.stateful++;
    if (label.crossFile) score.crossFile.stateful++;
    if (matched.length === 0) {
      score.misses.push(hit);
      continue;
    }
    tally.found++;
    if (hit.categories.includes(label.category)) tally.foundSameCategory++;
    if (label.crossFile) score.crossFile.found++;
    score.hits.push(hit);
  }
  score.total = sumTallies(Object.values(score.byCategory));
  return score;
}

function sumTallies(tallies: readonly CategoryTally[]): CategoryTally {
  const total = emptyTally();
  for (const tally of tallies) for (const key of Object.keys(total) as (keyof CategoryTally)[]) total[key] += tally[key];
  return total;
}

/** Adds repository scores into one. */
export function combineScores(scores: readonly Score[]): Score {
  const combined = emptyScore();
  for (const score of scores) {
    for (const category of CATEGORIES) combined.byCategory[category] = sumTallies([combined.byCategory[category], score.byCategory[category]]);
    combined.crossFile.stateful += score.crossFile.stateful;
    combined.crossFile.found += score.crossFile.found;
    combined.misses.push(...score.misses);
    combined.hits.push(...score.hits);
    combined.falseAlarms.push(...score.falseAlarms);
    combined.unjudged.push(...score.unjudged);
  }
  combined.total = sumTallies(Object.values(combined.byCategory));
  return combined;
}

/** A ratio as `n/d pp%`, or `n/d —` when there is nothing to divide by. */
export function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? `${numerator}/${denominator}   —` : `${numerator}/${denominator} ${String(Math.round((100 * numerator) / denominator)).padStart(3)}%`;
}

/** recall = found / stateful labels; precision = findings on stateful labels / findings on any label. */
export function recall(tally: CategoryTally): number | null {
  return tally.stateful === 0 ? null : tally.found / tally.stateful;
}

export function precision(tally: CategoryTally): number | null {
  const judged = tally.onStateful + tally.onBenign;
  return judged === 0 ? null : tally.onStateful / judged;
}
