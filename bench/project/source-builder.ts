/** Assembles one generated source file from units: imports (merged per module), module-level declarations, body, footer. */
import path from 'node:path';
import type { FileSpec } from './plan.js';

/** One import a unit needs: from a generated file or from a package. */
export interface ImportReq {
  from: FileSpec | string;
  name: string;
  form?: 'named' | 'default' | 'namespace';
  typeOnly?: boolean;
}

/** A piece of code: what it imports, what it declares at module level, and its main lines. */
export interface Unit {
  imports?: ImportReq[];
  top?: string[];
  body: string[];
  /** Stateful patterns this unit plants (for the generator's summary). */
  patterns?: string[];
}

interface ModuleImports {
  defaultName?: string;
  namespace?: string;
  named: Map<string, boolean>;
}

/** `../services/x.service.js` from one project file to another (ESM NodeNext style). */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), toFile).replace(/\.ts$/, '.js');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

export class SourceBuilder {
  private readonly modules = new Map<string, ModuleImports>();
  private readonly top: string[] = [];
  private readonly body: string[] = [];
  private footer: string[] = [];
  readonly patterns: string[] = [];

  constructor(private readonly filePath: string) {}

  private specifier(from: FileSpec | string): string {
    return typeof from === 'string' ? from : relativeSpecifier(this.filePath, from.path);
  }

  private newImportLines(imports: readonly ImportReq[]): number {
    const added = new Set<string>();
    for (const req of imports) {
      const key = this.specifier(req.from);
      if (!this.modules.has(key)) added.add(key);
    }
    return added.size;
  }

  /** Lines the file has now (imports, blank separators, top, body, footer). */
  get lineCount(): number {
    const importLines = this.modules.size;
    return importLines + (importLines ? 1 : 0) + this.top.length + (this.top.length ? 1 : 0) + this.body.length + this.footer.length;
  }

  /** Lines the file would gain by adding `unit`. */
  cost(unit: Unit): number {
    const top = unit.top?.length ?? 0;
    return this.newImportLines(unit.imports ?? []) + top + (top && !this.top.length ? 1 : 0) + unit.body.length + (unit.body.length && this.body.length ? 1 : 0);
  }

  add(unit: Unit): void {
    for (const req of unit.imports ?? []) {
      const key = this.specifier(req.from);
      const entry = this.modules.get(key) ?? { named: new Map<string, boolean>() };
      this.modules.set(key, entry);
      if (req.form === 'default') entry.defaultName = req.name;
      else if (req.form === 'namespace') entry.namespace = req.name;
      else entry.named.set(req.name, (entry.named.get(req.name) ?? true) && req.typeOnly === true);
    }
    this.top.push(...(unit.top ?? []));
    if (unit.body.length) {
      if (this.body.length) this.body.push('');
      this.body.push(...unit.body);
    }
    this.patterns.push(...(unit.patterns ?? []));
  }

  setFooter(lines: string[]): void {
    this.footer = lines;
  }

  render(): string {
    const importLines = [...this.modules.entries()]
      .sort(([a], [b]) => Number(a.startsWith('.')) - Number(b.startsWith('.')) || a.localeCompare(b))
      .map(([specifier, entry]) => {
        if (entry.namespace) return `import * as ${entry.namespace} from '${specifier}';`;
        const named = [...entry.named.entries()].sort(([a], [b]) => a.localeCompare(b));
        const allTypes = !entry.defaultName && named.length > 0 && named.every(([, typeOnly]) => typeOnly);
        const list = named.map(([name, typeOnly]) => (typeOnly && !allTypes ? `type ${name}` : name)).join(', ');
        const parts = [entry.defaultName, named.length ? `{ ${list} }` : undefined].filter(Boolean).join(', ');
        return `import ${allTypes ? 'type ' : ''}${parts} from '${specifier}';`;
      });
    const sections = [importLines, this.top, [...this.body, ...this.footer]].filter((lines) => lines.length > 0);
    return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n';
  }
}
