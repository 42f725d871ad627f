/**
 * Generates one large JavaScript file the way a minified bundle of a web server looks when it is not in a vendor
 * folder (a few very long lines), or the same code one statement per line: many small units, each with top-level and nested declarations, functions,
 * closures, classes, module-level Maps changed inside functions, timers, disk writes and route handlers. The
 * findings the audit must report on it are known from the generation (line, column, rule), so that a test can hold
 * the audit to them and bench/large-file.ts can time the audit on files of growing size.
 */

export interface LargeFile {
  text: string;
  /** The findings the audit must report, in source order: `line:column ruleId`. */
  findings: string[];
  units: number;
}

/** How long a line grows before the next unit starts a new one (minifiers wrap at about this length, or never). */
const MINIFIED_LINE_BYTES = 256 * 1024;

/**
 * A file of at least `bytes` bytes (`bytes` ≥ a few hundred). `lineBytes` is how long a line grows before the next
 * unit starts a new one: the default makes a minified bundle (which the audit skips as not source), 0 puts every
 * statement on a line of its own (a large generated file of normal lines, which the audit reads).
 */
export function generateLargeFile(bytes: number, lineBytes = MINIFIED_LINE_BYTES): LargeFile {
  const parts: string[] = [];
  const findings: string[] = [];
  let length = 0;
  let line = 1;
  let lineStart = 0;
  const emit = (text: string) => {
    parts.push(text);
    length += text.length;
    if (lineBytes === 0 && !text.endsWith('\n')) {
      parts.push('\n');
      length++;
      line++;
      lineStart = length;
    }
  };
  /** Emits `text` and records a finding of `ruleId` where `at` (a part of `text`) starts. */
  const finding = (text: string, at: string, ruleId: string) => {
    findings.push(`${line}:${length + text.indexOf(at) - lineStart + 1} ${ruleId}`);
    emit(text);
  };

  emit('"use strict";var express=require("express"),fs=require("fs"),app=express();');
  let unit = 0;
  // The closing `app.listen(3000);` takes a line of its own.
  while (length < bytes - 20) {
    unit++;
    const i = unit;
    // A module-level Map changed by a function a handler calls: no-module-state at the declaration.
    finding(`var c${i}=new Map();`, `c${i}`, 'no-module-state');
    emit(`function s${i}(k,v){var e=c${i}.get(k);if(e&&e.v===v)return e;c${i}.set(k,{v:v,t:Date.now()})}`);
    // A timer at module level: no-timers-in-web-process at the call.
    if (i % 5 === 0) finding(`setInterval(function(){c${i}.clear()},6e4);`, 'setInterval', 'no-timers-in-web-process');
    // Nested declarations and closures that keep nothing between requests.
    emit(`function n${i}(a){var b={x:a,y:[a,a+1],z:{w:[{v:a}]}};function q(z){var r=z.x+b.y[0];return function(){return r+b.z.w[0].v}}return q(b)()}`);
    emit(`var u${i}=function(){var t={};return{get:function(k){return t[k]},put:function(k,v){t[k]=v}}}();`);
    // A helper that writes to the local disk, reached from a handler: no-local-file-write at the call.
    if (i % 7 === 0) finding(`function w${i}(d){fs.writeFileSync("/tmp/upload-${i}",d)}`, 'fs.writeFileSync', 'no-local-file-write');
    // A Map filled at start-up and only read, and a Map local to a function: neither is state.
    emit(`var k${i}=new Map([["a",${i}],["b",${i + 1}]]);k${i}.set("c",${i + 2});function l${i}(){var m=new Map();m.set(1,2);return m}`);
    if (i % 3 === 0) emit(`class C${i}{constructor(o){this.o=o}run(x){return this.o.map(function(y){return y*x})}}var o${i}=new C${i}([1,2,3]);`);
    emit(
      `app.get("/r${i}",function(req,res){s${i}(req.query.k,req.query.v);${i % 7 === 0 ? `w${i}(req.body);` : ''}` +
        `res.send(String(n${i}(1)+k${i}.get("a")+l${i}().size+u${i}.get("x")${i % 3 === 0 ? `+o${i}.run(2)[0]` : ''}))});`,
    );
    // A module-level counter a middleware bumps: no-memory-rate-limit at the declaration.
    if (i % 11 === 0) finding(`var h${i}=0;`, `h${i}`, 'no-memory-rate-limit');
    if (i % 11 === 0) emit(`app.use(function(req,res,next){h${i}++;next()});`);
    if (length - lineStart > lineBytes) {
      emit('\n');
      line++;
      lineStart = length;
    }
  }
  emit('\napp.listen(3000);\n');
  return { text: parts.join(''), findings, units: unit };
}

/** Files by path, and the findings the audit must report on them (`file:line:column ruleId`, in report order). */
export interface GeneratedFiles {
  files: Record<string, string>;
  findings: string[];
}

/**
 * An ES module of `count` exported Maps (src/store.ts) and the routes of another file that change them, one route
 * per Map (src/server.ts): thousands of exported declarations, each followed into the file that imports it.
 */
export function generateExportedState(count: number): GeneratedFiles {
  const store: string[] = [];
  const imports: string[] = ["import express from 'express';\n"];
  const routes: string[] = ['const app = express();\n'];
  const findings: string[] = [];
  for (let i = 0; i < count; i++) {
    store.push(`export const c${i} = new Map<string, number>();\n`);
    findings.push(`src/store.ts:${i + 1}:14 no-module-state`);
    imports.push(`import { c${i} } from './store.js';\n`);
    routes.push(`app.get('/r${i}', (req, res) => {\n  c${i}.set(String(req.query['k']), Date.now());\n  res.end();\n});\n`);
  }
  routes.push('app.listen(3000);\n');
  return { files: { 'src/store.ts': store.join(''), 'src/server.ts': [...imports, ...routes].join('') }, findings };
}
