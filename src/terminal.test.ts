import { describe, expect, it } from 'vitest';
import { CLEAR_LINE, colorEnabled, ProgressLine } from './terminal.js';

/** A stream that records what is written, a terminal or not. */
function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns, write: (text: string) => writes.push(text) } };
}

describe('colorEnabled', () => {
  it.each([
    ['a terminal', true, {}, true],
    ['a pipe', false, {}, false],
    ['a terminal with NO_COLOR', true, { NO_COLOR: '1' }, false],
    ['a terminal with an empty NO_COLOR (unset, says no-color.org)', true, { NO_COLOR: '' }, true],
    ['a dumb terminal', true, { TERM: 'dumb' }, false],
    ['a pipe with FORCE_COLOR=1', false, { FORCE_COLOR: '1' }, true],
    ['a pipe with an empty FORCE_COLOR', false, { FORCE_COLOR: '' }, true],
    ['a terminal with FORCE_COLOR=0', true, { FORCE_COLOR: '0' }, false],
    ['a pipe with FORCE_COLOR=1 and NO_COLOR=1 (FORCE_COLOR decides, as in Node)', false, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
  ])('%s: %s', (_name, isTTY, env, expected) => {
    expect(colorEnabled({ isTTY }, env)).toBe(expected);
  });
});

describe('ProgressLine', () => {
  it('rewrites one line in place at most every 100 ms, and clears it once', () => {
    const { writes, stream } = fakeStream(true);
    let now = 1000;
    const line = new ProgressLine(stream, () => now);
    line.update('parsing 1/3', 'parsing');
    now += 50;
    line.update('parsing 2/3', 'parsing'); // dropped: 50 ms after the last
    now += 60;
    line.update('parsing 3/3', 'parsing');
    now += 1;
    line.update('analyzing', 'analyzing'); // a new stage is always shown
    line.clear();
    line.clear(); // nothing shown any more: nothing to erase
    expect(writes).toEqual([`${CLEAR_LINE}parsing 1/3`, `${CLEAR_LINE}parsing 3/3`, `${CLEAR_LINE}analyzing`, CLEAR_LINE]);
    expect(CLEAR_LINE).toBe('\r\x1b[K');
  });

  it('writes nothing at all when the stream is not a terminal', () => {
    const { writes, stream } = fakeStream(false);
    const line = new ProgressLine(stream, () => 0);
    line.update('parsing 1/3', 'parsing');
    line.clear();
    expect(writes).toEqual([]);
  });

  it('clears nothing when nothing was shown', () => {
    const { writes, stream } = fakeStream(true);
    new ProgressLine(stream).clear();
    expect(writes).toEqual([]);
  });

  it('cuts a line to the terminal width, so that it never wraps', () => {
    const { writes, stream } = fakeStream(true, 10);
    const line = new ProgressLine(stream, () => 0);
    line.update('stateless: parsing', 'a');
    line.update('123456789', 'b');
    expect(writes).toEqual([`${CLEAR_LINE}stateles…`, `${CLEAR_LINE}123456789`]);
  });
});
