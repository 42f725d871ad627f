import { describe, expect, it } from 'vitest';
import { assignedDeclarationLine, combineScores, labelFor, parseForSpans, precision, ratio, readLabels, recall, scoreRepository, spanEnd, spanLabels, type Label, type ToolFinding } from './scoring.js';

/** A tiny labelled project, written for this test (no third-party code). */
const files: Record<string, string> = {
  'src/app.ts': [
    "import express from 'express';", // 1
    "import session from 'express-session';", // 2
    'const hits = new Map<string, number>();', // 3
    'const app = express();', // 4
    'app.use(', // 5
    '  session({', // 6
    "    secret: 'x',", // 7
    '  }),', // 8
    ');', // 9
    "app.get('/', (req, res) => {", // 10
    '  hits.set(req.ip, (hits.get(req.ip) ?? 0) + 1);', // 11
    '  res.end();', // 12
    '});', // 13
    'setInterval(() => hits.clear(), 1000);', // 14
    'app.listen(3000);', // 15
  ].join('\n'),
  'src/store.js': [
    'const cache = {}', // 1
    'module.exports = {', // 2
    '  tokens: new Map(),', // 3
    '  put(key, value) { cache[key] = value },', // 4
    '};', // 5
  ].join('\n'),
};

const labels: Label[] = [
  { file: 'src/app.ts', line: 3, verdict: 'stateful', category: 'counters', crossFile: false, note: 'hit counter per IP' },
  { file: 'src/app.ts', line: 6, verdict: 'stateful', category: 'sessions', crossFile: false, note: 'MemoryStore' },
  { file: 'src/app.ts', line: 14, verdict: 'benign', category: 'jobs', crossFile: false, note: 'sweeps its own map' },
  { file: 'src/store.js', line: 1, verdict: 'stateful', category: 'caches', crossFile: true, note: 'changed by put() from a handler elsewhere' },
  { file: 'src/store.js', line: 3, verdict: 'stateful', category: 'sessions', crossFile: true, note: 'tokens' },
];

const spanned = spanLabels(labels, (file) => files[file]).spanned;

const finding = (file: string, line: number, category: ToolFinding['category'], ruleId = 'rule'): ToolFinding => ({ file, line, category, ruleId });

describe('label spans', () => {
  it('runs to the end of the outermost construct that begins on the line', () => {
    const app = parseForSpans('src/app.ts', files['src/app.ts']!);
    expect(spanEnd(app, 3)).toBe(3); // a one-line declaration
    expect(spanEnd(app, 6)).toBe(8); // a call nested in an argument list: only the call, not the enclosing app.use(…)
    expect(spanEnd(app, 5)).toBe(9); // the whole statement
    expect(spanEnd(app, 10)).toBe(13);
    expect(spanEnd(app, 7)).toBe(7); // a property inside
  });

  it('never lets a label on line 1 cover the whole file, and takes object properties alone', () => {
    const store = parseForSpans('src/store.js', files['src/store.js']!);
    expect(spanEnd(store, 1)).toBe(1);
    expect(spanEnd(store, 3)).toBe(3);
    expect(spanEnd(store, 2)).toBe(5);
  });

  it('is the label line alone when nothing begins there, and says which files are missing', () => {
    const { spanned: withMissing, missingFiles } = spanLabels([...labels, { ...labels[0]!, file: 'src/gone.ts' }], (file) => files[file]);
    expect(missingFiles.map((label) => label.file)).toEqual(['src/gone.ts']);
    expect(withMissing.at(-1)).toMatchObject({ line: 3, endLine: 3 });
    const blank = parseForSpans('a.ts', 'const a = 1;\n\nconst b = 2;\n');
    expect(spanEnd(blank, 2)).toBe(2);
  });
});

describe('matching', () => {
  it('matches a finding inside the span, not one on an earlier line of the enclosing statement', () => {
    expect(labelFor(spanned, finding('src/app.ts', 7, 'sessions'))?.line).toBe(6);
    expect(labelFor(spanned, finding('src/app.ts', 5, 'sessions'))).toBeUndefined();
    expect(labelFor(spanned, finding('src/app.ts', 9, 'sessions'))).toBeUndefined();
    expect(labelFor(spanned, finding('src/other.ts', 6, 'sessions'))).toBeUndefined();
  });

  it('gives a finding inside nested spans to the narrowest label', () => {
    const nested = spanLabels(
      [
        { file: 'src/app.ts', line: 5, verdict: 'benign', category: 'sessions', crossFile: false, note: 'outer' },
        { file: 'src/app.ts', line: 6, verdict: 'stateful', category: 'sessions', crossFile: false, note: 'inner' },
      ],
      (file) => files[file],
    ).spanned;
    expect(labelFor(nested, finding('src/app.ts', 7, 'sessions'))?.note).toBe('inner');
    expect(labelFor(nested, finding('src/app.ts', 9, 'sessions'))?.note).toBe('outer');
  });
});

describe('the declaration alias', () => {
  const text = [
    'let io;', // 1
    'let limiter = null;', // 2
    'export function start(server) {', // 3
    '  io = new Server(server);', // 4
    '  limiter = makeLimiter();', // 5
    '}', // 6
    'class Store {', // 7
    '  private sessions: Map<string, string>;', // 8
    '  constructor() {', // 9
    '    this.sessions = new Map();', // 10
    '  }', // 11
    '}', // 12
  ].join('\n');
  const source = parseForSpans('src/io.ts', text);
  const aliased = spanLabels(
    [
      { file: 'src/io.ts', line: 4, verdict: 'stateful', category: 'realtime', crossFile: false, note: 'server' },
      { file: 'src/io.ts', line: 10, verdict: 'stateful', category: 'sessions', crossFile: false, note: 'sessions' },
    ],
    () => text,
  ).spanned;

  it('is the declaration without a value of the variable or field the statement assigns', () => {
    expect(assignedDeclarationLine(source, 4)).toBe(1);
    expect(assignedDeclarationLine(source, 5)).toBeUndefined(); // declared with a value: that line creates state of its own
    expect(assignedDeclarationLine(source, 10)).toBe(8);
    expect(assignedDeclarationLine(source, 3)).toBeUndefined();
    expect(aliased.map((label) => label.aliasLine)).toEqual([1, 8]);
  });

  it('matches a finding on the declaration', () => {
    expect(labelFor(aliased, finding('src/io.ts', 1, 'caches'))?.note).toBe('server');
    expect(labelFor(aliased, finding('src/io.ts', 8, 'caches'))?.note).toBe('sessions');
    expect(labelFor(aliased, finding('src/io.ts', 2, 'caches'))).toBeUndefined();
  });
});

describe('arithmetic', () => {
  const findings = [
    finding('src/app.ts', 3, 'caches', 'no-module-state'), // stateful counters label, found under another category
    finding('src/app.ts', 3, 'counters', 'no-memory-rate-limit'), // the same label again, right category
    finding('src/app.ts', 6, 'sessions', 'no-memory-session-store'), // stateful sessions label
    finding('src/app.ts', 14, 'jobs', 'no-timers-in-web-process'), // benign label: a false alarm
    finding('src/app.ts', 4, 'caches', 'no-module-state'), // on no label: unjudged
    finding('src/store.js', 4, 'caches', 'no-module-state'), // line 4 is no label's span: unjudged
  ];
  const score = scoreRepository('tiny', spanned, findings);

  it('counts recall per label category and precision per finding category', () => {
    expect(score.byCategory.counters).toMatchObject({ stateful: 1, benign: 0, found: 1, foundSameCategory: 1, onStateful: 1, onBenign: 0, unjudged: 0 });
    expect(score.byCategory.sessions).toMatchObject({ stateful: 2, found: 1, foundSameCategory: 1, onStateful: 1 });
    expect(score.byCategory.caches).toMatchObject({ stateful: 1, found: 0, onStateful: 1, onBenign: 0, unjudged: 2 });
    expect(score.byCategory.jobs).toMatchObject({ stateful: 0, benign: 1, onStateful: 0, onBenign: 1 });
    expect(score.total).toEqual({ stateful: 4, benign: 1, found: 2, foundSameCategory: 2, onStateful: 3, onBenign: 1, unjudged: 2 });
    expect(recall(score.total)).toBe(0.5);
    expect(precision(score.total)).toBe(0.75);
    expect(precision(score.byCategory.realtime)).toBeNull();
    expect(recall(score.byCategory.jobs)).toBeNull();
  });

  it('lists misses, false alarms, cross-file labels and unjudged findings', () => {
    expect(score.misses.map((hit) => `${hit.label.file}:${hit.label.line}`)).toEqual(['src/store.js:1', 'src/store.js:3']);
    expect(score.falseAlarms.map((hit) => [hit.label.line, hit.rules])).toEqual([[14, ['no-timers-in-web-process']]]);
    expect(score.hits.find((hit) => hit.label.line === 3)?.categories.sort()).toEqual(['caches', 'counters']);
    expect(score.crossFile).toEqual({ stateful: 2, found: 0 });
    expect(score.unjudged.map((item) => `${item.file}:${item.line}`)).toEqual(['src/app.ts:4', 'src/store.js:4']);
  });

  it('adds repositories up', () => {
    const none = scoreRepository('empty', spanned, []);
    const both = combineScores([score, none]);
    expect(both.total).toEqual({ stateful: 8, benign: 2, found: 2, foundSameCategory: 2, onStateful: 3, onBenign: 1, unjudged: 2 });
    expect(both.misses).toHaveLength(6);
    expect(ratio(2, 8)).toBe('2/8  25%');
    expect(ratio(0, 0)).toBe('0/0   —');
  });
});

describe('reading labels', () => {
  it('keeps well-formed labels and says what is wrong with the others', () => {
    const { labels: read, errors } = readLabels(
      [
        labels[0],
        { ...labels[0], line: 0 },
        { ...labels[1], category: 'queues', verdict: 'maybe' },
        { ...labels[2], note: ' ' },
        { ...labels[0] },
      ],
      'tiny.json',
    );
    expect(read).toHaveLength(2);
    expect(errors).toEqual([
      'tiny.json[1]: line must be a positive integer',
      'tiny.json[2]: verdict must be "stateful" or "benign"; category must be one of sessions, caches, files, jobs, realtime, counters',
      'tiny.json[3]: note must say why',
      'tiny.json: two labels on src/app.ts:3',
    ]);
    expect(readLabels({}, 'x.json').errors).toEqual(['x.json: expected an array of labels']);
  });
});
