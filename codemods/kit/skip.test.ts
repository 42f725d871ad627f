import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skipReasons, type SkipReasonId } from './skip-reasons.js';
import { at, mapSkipLines, prose, skipMessage, skipTodo, text, type CodemodSkip } from './skip.js';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** Every skip the codemod fixtures expect (their report.json files). */
function fixtureSkips(): CodemodSkip[] {
  const folder = path.join(repositoryRoot, 'fixtures/codemods');
  return fs.readdirSync(folder).flatMap((codemod) =>
    fs
      .readdirSync(path.join(folder, codemod))
      .filter((name) => name.endsWith('.report.json'))
      .flatMap((name) => (JSON.parse(fs.readFileSync(path.join(folder, codemod, name), 'utf8')) as { skips?: CodemodSkip[] }).skips ?? []),
  );
}

describe('skips as data', () => {
  it('prose keeps line references as numbers and joins the text around them', () => {
    const sentence = prose`used in ${'cachedPrice'}() at line ${at(8)}; ${prose`see line ${at(12)}`}`;
    expect(sentence).toEqual(['used in cachedPrice() at line ', { line: 8 }, '; see line ', { line: 12 }]);
    expect(text(sentence)).toBe('used in cachedPrice() at line 8; see line 12');
  });

  it('maps the line of a skip and every line in its details, and nothing else', () => {
    const skip = { reason: 'ws-broadcast' as const, line: 4, detail: { name: 'wss', broadcastLine: at(8), guidance: 'line 8 stays text', problem: prose`at line ${at(9)}` } };
    const moved = mapSkipLines(skip, (line) => line + 100);
    expect(moved).toEqual({ reason: 'ws-broadcast', line: 104, detail: { name: 'wss', broadcastLine: { line: 108 }, guidance: 'line 8 stays text', problem: ['at line ', { line: 109 }] } });
    expect(skip.line).toBe(4);
    expect(skipMessage(moved)).toBe('ws server `wss` (line 104) broadcasts to `wss.clients` (line 108), the clients of this instance only: line 8 stays text');
  });

  it('renders the message and the TODO from the same record; `{ every }` is code, not a placeholder', () => {
    const skip = { reason: 'job-timeout-loop' as const, line: 8, detail: { name: 'pollQueue' } };
    expect(skipMessage(skip)).toContain('setTimeout at line 8: it reschedules pollQueue(), a job loop');
    expect(skipMessage(skip)).toContain('defineJob() with { every } from the jobs adapter');
    expect(skipTodo(skip)).toBeUndefined();
    expect(skipTodo({ reason: 'session-hand-rolled', line: 3, detail: { name: 'sessions' } })).toBe(
      '`sessions` keeps sessions in this process: use express-session with a RedisStore (connect-redis) or signed tokens',
    );
  });

  it('every skip the fixtures expect names a reason of the table and fills all its placeholders', () => {
    const skips = fixtureSkips();
    expect(skips.length).toBeGreaterThan(30);
    for (const skip of skips) {
      expect(Object.keys(skipReasons)).toContain(skip.reason);
      expect(skipMessage(skip), `${skip.codemod} ${skip.reason}`).not.toMatch(/\{\w+\}/);
      expect(skipTodo(skip) ?? '', `${skip.codemod} ${skip.reason}`).not.toMatch(/\{\w+\}/);
    }
  });

  it('every reason of the table is used by the code', () => {
    const sources = ['codemods', 'src/migrate']
      .flatMap((folder) => fs.readdirSync(path.join(repositoryRoot, folder), { recursive: true, encoding: 'utf8' }).map((file) => path.join(repositoryRoot, folder, file)))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('skip-reasons.ts'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const unused = (Object.keys(skipReasons) as SkipReasonId[]).filter((id) => !sources.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });
});
