import { describe, expect, it } from 'vitest';
import { escapeControl, markdownCode, markdownText, pathToUri } from './escape.js';

describe('escapeControl', () => {
  it.each([
    ['a\n::error::x', 'a\\n::error::x'],
    ['cr\rtab\t', 'cr\\rtab\\t'],
    ['\x1b[31mred\x07', '\\x1b[31mred\\x07'],
    ['nul\0del\x7f c1\x85', 'nul\\x00del\\x7f c1\\x85'],
    ['line\u2028para\u2029', 'line\\u2028para\\u2029'],
    ['rtl\u202eevil\u2066', 'rtl\\u202eevil\\u2066'],
    ['plain/ünïcode path.ts', 'plain/ünïcode path.ts'],
  ])('%j → %j', (input, expected) => {
    expect(escapeControl(input)).toBe(expected);
  });
});

describe('markdown', () => {
  it('text: HTML, emphasis, code, links and table cells become the characters themselves', () => {
    expect(markdownText('<img src=x> & `code` | *a* _b_ [l](u) ~s~ \\')).toBe('&lt;img src=x&gt; &amp; \\`code\\` \\| \\*a\\* \\_b\\_ \\[l\\](u) \\~s\\~ \\\\');
    // Escaped as `\n`, whose backslash is then escaped for markdown: it renders as \n.
    expect(markdownText('two\nlines')).toBe('two\\\\nlines');
  });

  it('code spans: a fence longer than any backtick run, padded when the text starts or ends with one', () => {
    expect(markdownCode('src/a.ts:3')).toBe('`src/a.ts:3`');
    expect(markdownCode('a`b``c')).toBe('```a`b``c```');
    expect(markdownCode('`edge')).toBe('`` `edge ``');
    expect(markdownCode('a|b\nc')).toBe('`a\\|b\\nc`');
  });
});

describe('pathToUri', () => {
  it('percent-encodes every segment and keeps the slashes', () => {
    expect(pathToUri('src/a #1?%.ts')).toBe('src/a%20%231%3F%25.ts');
    expect(pathToUri('/abs/x:y/ü.ts')).toBe('/abs/x%3Ay/%C3%BC.ts');
    expect(pathToUri('src/plain-file_1.ts')).toBe('src/plain-file_1.ts');
  });
});
