import { describe, expect, it } from 'vitest';
import { lineMap } from './line-map.js';

describe('lineMap', () => {
  it('maps lines of an edited file back to the original, inserted lines to the line below them', () => {
    const original = 'a\nb\nc\nd\n';
    const edited = 'a\nimport x\nb\n// TODO\nc changed\nd\n';
    const toOriginal = lineMap(original, edited);
    expect([1, 2, 3, 4, 5, 6].map(toOriginal)).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('is the identity for an unchanged file', () => {
    expect(lineMap('a\nb\n', 'a\nb\n')(2)).toBe(2);
  });
});
