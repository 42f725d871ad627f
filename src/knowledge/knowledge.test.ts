// Every knowledge row that names a message names one its check has in the catalog: a row with a typo'd or removed
// message id would make a rule throw at its first report, on a user's code.
import { describe, expect, it } from 'vitest';
import { checks, type CheckId } from '../catalog.js';
import * as knowledge from './index.js';
import { patternsById } from './patterns.js';

interface MessageUse {
  where: string;
  check: string;
  messageId: string;
}

/** Every `{ check, messageId | optionalMessageId }` found in the exported tables, with where it was found. */
function messageUses(value: unknown, where: string, found: MessageUse[], seen: Set<unknown>): MessageUse[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return found;
  seen.add(value);
  const row = value as Record<string, unknown>;
  if (typeof row['check'] === 'string') {
    for (const key of ['messageId', 'optionalMessageId']) {
      if (typeof row[key] === 'string') found.push({ where, check: row['check'], messageId: row[key] });
    }
  }
  for (const [key, inner] of Object.entries(row)) messageUses(inner, `${where}.${key}`, found, seen);
  return found;
}

/** Every row `{ id, … }` found in the exported tables, with where it was found (a row reached twice counts once). */
function rowIds(value: unknown, where: string, found: { id: string; where: string }[], seen: Set<unknown>): { id: string; where: string }[] {
  if (value === null || typeof value !== 'object' || seen.has(value) || globalSeen.has(value)) return found;
  seen.add(value);
  globalSeen.add(value);
  const row = value as Record<string, unknown>;
  if (typeof row['id'] === 'string') found.push({ id: row['id'], where });
  for (const [key, inner] of Object.entries(row)) rowIds(inner, `${where}.${key}`, found, seen);
  return found;
}
const globalSeen = new Set<unknown>();

describe('the knowledge tables', () => {
  const uses = Object.entries(knowledge).flatMap(([name, value]) => messageUses(value, name, [], new Set()));

  it('name rows by (check, message) pairs; there are many', () => {
    expect(uses.length).toBeGreaterThan(50);
    // Every check with library knowledge; no-module-state judges hand-rolled state (classifyState), no library rows.
    expect(new Set(uses.map((use) => use.check))).toEqual(new Set(Object.keys(checks).filter((id) => id !== 'no-module-state')));
  });

  it('name only checks and messages the catalog has', () => {
    const missing = uses.filter((use) => !(use.check in checks) || !(use.messageId in checks[use.check as CheckId].messages));
    expect(missing.map((use) => `${use.where}: ${use.check}/${use.messageId}`)).toEqual([]);
  });

  it('give every row an id no other row of any table has', () => {
    const ids = Object.entries(knowledge).flatMap(([name, value]) => rowIds(value, name, [], new Set()));
    expect(ids.length).toBeGreaterThan(200);
    const counts = new Map<string, string[]>();
    for (const { id, where } of ids) counts.set(id, [...(counts.get(id) ?? []), where]);
    expect([...counts].filter(([, where]) => new Set(where).size > 1).map(([id, where]) => `${id}: ${where.join(', ')}`)).toEqual([]);
    expect(knowledge.allLibraryPatterns.every((pattern) => patternsById([pattern.id])[0] === pattern)).toBe(true);
    expect(() => patternsById(['no-such-row'])).toThrow(/no-such-row/);
  });

  it('would catch a message the catalog lacks', () => {
    const planted = messageUses({ rows: [{ check: 'no-process-cache', messageId: 'noSuchMessage' }] }, 'planted', [], new Set());
    expect(planted.filter((use) => !(use.messageId in checks[use.check as CheckId].messages))).toHaveLength(1);
  });
});
