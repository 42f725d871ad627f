// Files that are not the web process get no findings from any rule: code for the browser (whatever its folder) and
// minified bundles, next to the tests, workers and scripts the rules' own tests cover.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../index.js';

const cwd = '/project';
const linter = new Linter({ cwd });

function findings(code: string, file = 'src/state.ts', globals: Linter.Globals = {}): string[] {
  const config: Linter.Config = {
    files: ['**/*.{js,jsx,ts,tsx}'],
    plugins: { stateless: { rules } as never },
    rules: Object.fromEntries(Object.keys(rules).map((id) => [`stateless/${id}`, 'error'])),
    languageOptions: { parser: tsParser as never, sourceType: 'module', globals, parserOptions: { ecmaFeatures: { jsx: true } } },
  };
  return linter.verify(code, [config], { filename: path.join(cwd, file) }).map((message) => `${message.line} ${message.ruleId}`);
}

// A module-level Map a handler changes, and a timer: two findings in a server file.
const state = "import express from 'express';\nconst seen = new Map();\nexport const app = express();\napp.get('/', (req, res) => { seen.set(req.query.id, 1); res.end(); });\nsetInterval(() => seen.clear(), 1000);\n";
const serverFindings = ['2 stateless/no-module-state', '5 stateless/no-timers-in-web-process'];

describe('code for the browser', () => {
  it('is still reported when nothing marks it (the baseline for the cases below)', () => {
    expect(findings(state)).toEqual(serverFindings);
  });

  it("gets no findings when marked 'use client'", () => {
    expect(findings(`'use client';\n${state}`)).toEqual([]);
    // A directive further down is a plain string, not the mark.
    expect(findings(`${state}'use client';\n`)).toEqual(serverFindings);
  });

  it("gets no findings when it calls React's state or effect hooks, or mounts a React tree", () => {
    const hook = "import { useEffect, useState } from 'react';\nconst names: Record<string, string> = {};\nexport function useNames(locale: string) {\n  const [list, setList] = useState(names[locale]);\n  useEffect(() => { setInterval(() => { names[locale] = 'x'; setList(names[locale]); }, 1000); }, [locale]);\n  return list;\n}\n";
    expect(findings(hook, 'src/components/hooks/useNames.ts')).toEqual([]);
    const mount = "import { createRoot } from 'react-dom/client';\nconst cache = new Map();\nsetInterval(() => cache.clear(), 1000);\ncreateRoot(document.body);\n";
    expect(findings(mount, 'src/index.tsx')).toEqual([]);
    // Importing React alone (server rendering, a server component) does not make a file the browser's.
    const ssr = `import { renderToString } from 'react-dom/server';\n${state}`;
    expect(findings(ssr)).toEqual(serverFindings.map((finding) => finding.replace(/^\d+/, (line) => String(Number(line) + 1))));
  });

  it("gets no findings when it reads a page's globals, declared by configuration or not, but not through typeof", () => {
    const page = `${state}document.title = 'x';\n`;
    expect(findings(page)).toEqual([]);
    expect(findings(page, 'src/state.ts', { document: 'readonly', window: 'readonly' })).toEqual([]);
    expect(findings(`${state}const stored = localStorage.getItem('k');\n`)).toEqual([]);
    // Code that runs on both sides guards with typeof: it is still the server's.
    expect(findings(`${state}export const inBrowser = typeof window !== 'undefined';\n`)).toEqual(serverFindings);
    // A local named `document` is not the page's.
    expect(findings(`${state}const document = { title: '' };\ndocument.title = 'x';\n`)).toEqual(serverFindings);
  });
});

describe('a minified bundle', () => {
  it('gets no findings; the same code on normal lines does', () => {
    const units = Array.from({ length: 40 }, (_, i) => `var c${i}=new Map();app.get("/r${i}",function(q,s){c${i}.set(q.query.k,1);s.end()});setInterval(function(){c${i}.clear()},6e4);`);
    const head = 'var express=require("express"),app=express();';
    expect(findings(head + units.join(''), 'src/app.bundle.js')).toEqual([]);
    expect(findings([head, ...units].join('\n'), 'src/app.js')).toHaveLength(80);
  });
});
