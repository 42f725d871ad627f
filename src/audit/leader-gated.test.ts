import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { tempProject } from '../test-support/temp-project.js';
import { audit } from './audit.js';
import { runAuditCommand } from './command.js';

const server = `import cluster from 'node:cluster';\nimport express from 'express';\nconst app = express();\nif (cluster.isPrimary) {\n  setInterval(() => purge(), 60_000);\n  cluster.fork();\n} else {\n  app.listen(3000);\n}\nfunction purge() {}\n`;

describe('a job gated to one designated instance', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is an info finding that names the gate, shown as such in every report', async () => {
    const result = await audit({ paths: [tempProject({ 'src/server.ts': server })] });
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`)).toEqual(['src/server.ts:5 no-timers-in-web-process info']);
    expect(result.findings[0]!.message).toMatch(/^`setInterval` runs only in the instance where `cluster\.isPrimary` holds/);
    const text = formatText(result);
    expect(text).toContain('src/server.ts:5:3  stateless/no-timers-in-web-process (info)');
    expect(text.trimEnd().split('\n').at(-1)).toBe('✔ 1 info finding in 1 of 1 file');
    expect(JSON.parse(formatSarif(result)).runs[0].results[0].level).toBe('note');
  });

  it('does not fail the audit command; an ungated job next to it does', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runAuditCommand([tempProject({ 'src/server.ts': server })])).toBe(0);
    expect(await runAuditCommand([tempProject({ 'src/server.ts': `${server}setInterval(() => purge(), 1000);\n` })])).toBe(1);
  });
});
