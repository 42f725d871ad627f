import { expect, it } from 'vitest';
import { conformanceTable, parts } from './conformance-table.js';

it('names every row once', () => {
  const ids = conformanceTable.map((row) => row.id);
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
});

it('says why wherever a part does not ask a row', () => {
  for (const row of conformanceTable) {
    for (const [part, why] of Object.entries(row.notAskedBy ?? {})) {
      expect(parts).toContain(part);
      expect(why.length, `${row.id}: ${part}`).toBeGreaterThan(10);
    }
  }
});
