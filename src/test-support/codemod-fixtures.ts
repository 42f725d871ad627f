/**
 * The fixture suite every codemod runs: `fixtures/codemods/<id>/<case>.input.<ext>` rewritten must equal
 * `<case>.output.<ext>`, report what `<case>.report.json` says (no skips when absent), change nothing
 * on a second run, and the TypeScript outputs must type-check against the real packages with the
 * generated adapters beside them.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { AdapterId, Codemod, CodemodOutcome } from '../../codemods/kit/codemod.js';
import { renderAdapter, withRequiredAdapters } from '../../codemods/kit/adapters/render.js';
import { runCodemod } from '../../codemods/kit/run.js';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
/** Inside the repository, so that the outputs' imports resolve to its node_modules. */
const scratchRoot = path.join(repositoryRoot, '.scratch');

export interface ExpectedReport {
  skips?: { line: number; reason: string }[];
  adapters?: AdapterId[];
}

interface FixtureCase {
  name: string;
  extension: string;
  input: string;
  output: string;
  report: ExpectedReport;
}

/**
 * The cases of a codemod: `<case>.input.<ext>` files, in subfolders too where the file's place matters (a
 * Next.js route, `app/api/avatar/route.input.ts`); the case name keeps the folders, with `/`.
 */
function fixtureCases(id: string): FixtureCase[] {
  const folder = path.join(repositoryRoot, 'fixtures', 'codemods', id);
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => name.split(path.sep).join('/'))
    .filter((name) => /\.input\.\w+$/.test(name))
    .sort()
    .map((inputName) => {
      const [, name, extension] = /^(.*)\.input\.(\w+)$/.exec(inputName)!;
      const reportFile = path.join(folder, `${name}.report.json`);
      return {
        name: name!,
        extension: extension!,
        input: fs.readFileSync(path.join(folder, inputName), 'utf8'),
        output: fs.readFileSync(path.join(folder, `${name}.output.${extension}`), 'utf8'),
        report: fs.existsSync(reportFile) ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ExpectedReport) : {},
      };
    });
}

/** Where a fixture case pretends to live: `<project>/src/<case>.<ext>` (subfolders kept), adapters in `src/stateless/`. */
function virtualProject(id: string): { root: string; file: (fixture: FixtureCase) => string; adapterDir: string } {
  const root = path.join(scratchRoot, `codemod-${id}-${process.pid}`);
  return { root, file: (fixture) => path.join(root, 'src', `${fixture.name}.${fixture.extension}`), adapterDir: path.join(root, 'src', 'stateless') };
}

/** The app's name the fixtures' Redis keys begin with (`shop:sess:`), as if package.json said `"name": "shop"`. */
const appName = 'shop';

function run(codemod: Codemod, file: string, source: string, adapterDir: string): CodemodOutcome {
  return runCodemod(codemod, { file, source, adapterDir, packageType: file.endsWith('.js') ? undefined : 'module', appName });
}

/** Type-checks TypeScript files written into a scratch project; returns the diagnostics as text. */
export function typecheck(root: string, files: Record<string, string>): string[] {
  fs.rmSync(root, { recursive: true, force: true });
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  const program = ts.createProgram(
    Object.keys(files).filter((relative) => /\.(ts|tsx|mts)$/.test(relative)).map((relative) => path.join(root, relative)),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      jsx: ts.JsxEmit.ReactJSX,
      experimentalDecorators: true,
      types: ['node'],
      lib: ['lib.es2023.d.ts'],
    },
  );
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
  fs.rmSync(root, { recursive: true, force: true });
  return diagnostics;
}

/** Declares the fixture tests of one codemod. */
export function describeCodemodFixtures(codemod: Codemod): void {
  const cases = fixtureCases(codemod.id);
  const project = virtualProject(codemod.id);

  describe(`${codemod.id} fixtures`, () => {
    it('has at least six cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(6);
    });

    for (const fixture of cases) {
      describe(fixture.name, () => {
        const file = project.file(fixture);
        it('rewrites the input to the expected output and reports it', () => {
          const outcome = run(codemod, file, fixture.input, project.adapterDir);
          expect(outcome.source).toBe(fixture.output);
          expect(outcome.skips).toEqual(fixture.report.skips ?? []);
          if (fixture.report.adapters) expect(outcome.adapters.sort()).toEqual([...fixture.report.adapters].sort());
        });
        it('changes nothing on its own output (idempotent)', () => {
          const again = run(codemod, file, fixture.output, project.adapterDir);
          expect(again.source).toBe(fixture.output);
          expect(again.changes).toEqual([]);
        });
      });
    }

    it('the TypeScript outputs type-check with the generated adapters', () => {
      const files: Record<string, string> = {};
      const adapters = new Set<AdapterId>();
      for (const fixture of cases) {
        if (!['ts', 'tsx', 'mts'].includes(fixture.extension)) continue;
        files[`src/${fixture.name}.${fixture.extension}`] = fixture.output;
        run(codemod, project.file(fixture), fixture.input, project.adapterDir).adapters.forEach((adapter) => adapters.add(adapter));
      }
      for (const adapter of withRequiredAdapters(adapters)) {
        const rendered = renderAdapter(adapter, { language: 'ts', module: 'esm', importExtension: '.js' }, appName);
        files[`src/stateless/${rendered.fileName}`] = rendered.text;
      }
      expect(typecheck(project.root, files)).toEqual([]);
    });
  });
}
