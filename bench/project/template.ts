/** The shape of the code templates: a unit is a piece of code; a kind's template is its header, units and patterns. */
import type { Ctx } from './context.js';
import type { Unit } from './source-builder.js';

export type UnitFn = (ctx: Ctx) => Unit;

export interface KindTemplate {
  header: UnitFn;
  footer?: (ctx: Ctx) => string[];
  units: readonly UnitFn[];
  /** Stateful (or look-alike) patterns, each planted with its probability. */
  patterns?: readonly { chance: number; unit: UnitFn }[];
}
