/**
 * Adding properties to an options object so that it keeps its shape: recast reprints an edited object over
 * several lines, so an object written on one line is rewritten on one line.
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { CodemodContext } from './codemod.js';
import type { ObjectNode } from './options.js';

/** A property to add, its value as source text. */
export interface AddedProperty {
  key: string;
  value: string;
}

/** Adds `added` at the start or the end of `object`, in place. */
export function addProperties(j: JSCodeshift, root: Collection, context: CodemodContext, object: ObjectNode, added: readonly AddedProperty[], at: 'start' | 'end'): void {
  const loc = object.loc;
  const oneLine = loc && loc.start.line === loc.end.line;
  const path = oneLine ? root.find(j.ObjectExpression).filter((candidate) => candidate.node === object).paths()[0] : undefined;
  if (path) {
    const existing = object.properties.map((property) => j(property).toSource({ quote: context.style.quote }));
    const fresh = added.map((property) => `${property.key}: ${property.value}`);
    const all = at === 'start' ? [...fresh, ...existing] : [...existing, ...fresh];
    path.replace(context.code(`{ ${all.join(', ')} }`));
    return;
  }
  const nodes = added.map((property) => j.objectProperty(j.identifier(property.key), context.code(property.value)));
  if (at === 'start') object.properties.unshift(...nodes);
  else object.properties.push(...nodes);
}
