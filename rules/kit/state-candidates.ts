/**
 * Where hand-rolled state can live in one file, each with the expressions that reach it: module-level bindings,
 * class statics, and fields of singletons (NestJS providers, classes instantiated once at module level).
 * Whether code changes them while serving is decided in module-state.ts.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { nestSingletonDecorators } from '../../src/knowledge/index.js';
import { isContainerValue } from '../../src/semantics/mutations.js';
import { topScope } from './api-uses.js';
import { decoratorsOf, isFunction, propertyName, unwrapExpression, walk } from './ast.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `@Injectable({ scope: Scope.REQUEST })`: Nest makes one instance per request (or per use), so its fields are not shared. */
const requestScopedProviderPattern = /Scope\.(REQUEST|TRANSIENT)/;

/** A place that may hold state. */
export interface Candidate {
  name: string;
  /** The class owning a static or singleton field. */
  owner?: string;
  /** Where the state is created: the declarator, the class field, or the constructor's `this.x = …`. */
  node: TSESTree.Node;
  init: TSESTree.Node | null | undefined;
  /** Expressions naming the state: identifiers, `Owner.x`, `this.x`. */
  references: TSESTree.Node[];
  /** A singleton's constructor runs at start-up. */
  constructorsAreStartup: boolean;
}

/** A Map, Set, array or plain object created here (not a client or a library object). */
export function isContainer(init: TSESTree.Node | null | undefined): boolean {
  return isContainerValue(init);
}

function isFrozen(init: TSESTree.Node | null | undefined): boolean {
  const value = init && unwrapExpression(init);
  return value?.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && propertyName(value.callee) === 'freeze';
}

function topLevelStatement(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Program) return true;
  const isExport = parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  return isExport && parent.parent?.type === AST_NODE_TYPES.Program;
}

/** Module-level `let`/`var` bindings and `const` containers (frozen ones are constants). */
function moduleBindings(sourceCode: SourceCode): Candidate[] {
  const candidates: Candidate[] = [];
  for (const variable of topScope(sourceCode).variables) {
    const definition = variable.defs[0];
    if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier || !topLevelStatement(definition.parent)) continue;
    const declarator = definition.node;
    const isConst = definition.parent.kind === 'const';
    if (isFrozen(declarator.init) || (isConst && !isContainer(declarator.init))) continue;
    const references = variable.references.filter((ref) => !ref.init).map((ref) => ref.identifier as TSESTree.Node);
    candidates.push({ name: variable.name, node: declarator, init: declarator.init, references, constructorsAreStartup: false });
  }
  return candidates;
}

function unwrapExport(statement: TSESTree.ProgramStatement): TSESTree.Node | null {
  const isExport = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  return isExport ? statement.declaration : statement;
}

/** NestJS providers, controllers, … unless request-scoped or transient (then Nest creates one per request or use). */
function isSingletonProvider(sourceCode: SourceCode, cls: TSESTree.ClassDeclaration): boolean {
  return decoratorsOf(cls).some((decorator) => {
    const expression = unwrapExpression(decorator.expression);
    const callee = expression.type === AST_NODE_TYPES.CallExpression ? expression.callee : expression;
    if (callee.type !== AST_NODE_TYPES.Identifier || !nestSingletonDecorators.includes(callee.name)) return false;
    return !requestScopedProviderPattern.test(sourceCode.getText(decorator));
  });
}

/** `new X()` values made once at module level: `const x = new X()`, `export default new X()`, `module.exports = new X()`. */
function moduleLevelInstances(sourceCode: SourceCode): TSESTree.Node[] {
  return sourceCode.ast.body.flatMap((statement) => {
    const declaration = unwrapExport(statement);
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) return declaration.declarations.flatMap((d) => (d.init ? [d.init] : []));
    if (declaration?.type === AST_NODE_TYPES.ExpressionStatement && declaration.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      return [declaration.expression.right];
    }
    return declaration ? [declaration] : [];
  });
}

/** Classes whose single instance serves every request: NestJS singleton providers and classes instantiated at module level. */
function singletonClasses(sourceCode: SourceCode, classes: readonly TSESTree.ClassDeclaration[]): Set<TSESTree.ClassDeclaration> {
  const singletons = new Set(classes.filter((cls) => isSingletonProvider(sourceCode, cls)));
  for (const init of moduleLevelInstances(sourceCode)) {
    const value = unwrapExpression(init);
    if (value.type !== AST_NODE_TYPES.NewExpression || value.callee.type !== AST_NODE_TYPES.Identifier) continue;
    const name = value.callee.name;
    const cls = classes.find((candidate) => candidate.id?.name === name);
    if (cls) singletons.add(cls);
  }
  return singletons;
}

/** `this.<field>` expressions in the class body, by field name. */
function thisFields(cls: TSESTree.ClassDeclaration, visitorKeys: TSESLint.SourceCode.VisitorKeys): Map<string, TSESTree.MemberExpression[]> {
  const fields = new Map<string, TSESTree.MemberExpression[]>();
  walk(cls.body, visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression) return;
    const name = propertyName(node);
    if (name === null) return;
    const list = fields.get(name);
    if (list) list.push(node);
    else fields.set(name, [node]);
  });
  return fields;
}

function inStaticMethod(node: TSESTree.Node): boolean {
  let method: TSESTree.Node | undefined = node.parent;
  while (method && method.type !== AST_NODE_TYPES.MethodDefinition) method = method.parent;
  return method?.type === AST_NODE_TYPES.MethodDefinition && method.static;
}

/** `Owner.field` anywhere, and `this.field` inside static methods. */
function staticReferences(sourceCode: SourceCode, cls: TSESTree.ClassDeclaration, name: string, thisRefs: readonly TSESTree.Node[]): TSESTree.Node[] {
  // The class name is two variables, one outside the class and one inside its body; uses go to either.
  const viaClass = sourceCode.getDeclaredVariables(cls).flatMap((variable) =>
    variable.references.flatMap((ref) => {
      const parent = ref.identifier.parent;
      return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === ref.identifier && propertyName(parent) === name ? [parent] : [];
    }),
  );
  return [...viaClass, ...thisRefs.filter(inStaticMethod)];
}

/** `this.x = …` in the constructor for fields not declared in the class body (plain JavaScript classes). */
function constructorFields(cls: TSESTree.ClassDeclaration, declared: ReadonlySet<string>, thisRefs: Map<string, TSESTree.MemberExpression[]>): Map<string, TSESTree.AssignmentExpression> {
  const found = new Map<string, TSESTree.AssignmentExpression>();
  const constructor = cls.body.body.find((member) => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
  if (!constructor) return found;
  const inConstructor = (node: TSESTree.Node) => node.range[0] >= constructor.range[0] && node.range[1] <= constructor.range[1];
  for (const [name, refs] of thisRefs) {
    if (declared.has(name)) continue;
    for (const ref of refs) {
      const assignment = ref.parent;
      if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== ref || assignment.operator !== '=' || !inConstructor(assignment)) continue;
      found.set(name, assignment);
      break;
    }
  }
  return found;
}

/** Candidates of one class: its statics, and the instance fields of a singleton. */
function classCandidates(sourceCode: SourceCode, cls: TSESTree.ClassDeclaration, singleton: boolean): Candidate[] {
  // Only singletons and classes with static fields can hold state: skip the walk for the others.
  if (!singleton && !cls.body.body.some((member) => member.type === AST_NODE_TYPES.PropertyDefinition && member.static)) return [];
  const owner = cls.id?.name ?? 'default';
  const thisRefs = thisFields(cls, sourceCode.visitorKeys);
  const candidates: Candidate[] = [];
  const declared = new Set<string>();
  for (const member of cls.body.body) {
    if (member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const name = propertyName(member);
    if (name === null) continue;
    declared.add(name);
    if (isFunction(member.value) || isFrozen(member.value) || (member.readonly && !isContainer(member.value))) continue;
    const refs = thisRefs.get(name) ?? [];
    if (member.static) candidates.push({ name, owner, node: member, init: member.value, references: staticReferences(sourceCode, cls, name, refs), constructorsAreStartup: false });
    else if (singleton) candidates.push({ name, owner, node: member, init: member.value, references: refs, constructorsAreStartup: true });
  }
  if (!singleton) return candidates;
  for (const [name, assignment] of constructorFields(cls, declared, thisRefs)) {
    if (isFunction(assignment.right) || isFrozen(assignment.right)) continue;
    candidates.push({ name, owner, node: assignment, init: assignment.right, references: thisRefs.get(name) ?? [], constructorsAreStartup: true });
  }
  return candidates;
}

function classFields(sourceCode: SourceCode): Candidate[] {
  const classes = sourceCode.ast.body.map(unwrapExport).filter((node): node is TSESTree.ClassDeclaration => node?.type === AST_NODE_TYPES.ClassDeclaration);
  const singletons = singletonClasses(sourceCode, classes);
  return classes.flatMap((cls) => classCandidates(sourceCode, cls, singletons.has(cls)));
}

/** Every place in the file that may hold hand-rolled state. */
export function stateCandidates(sourceCode: SourceCode): Candidate[] {
  return [...moduleBindings(sourceCode), ...classFields(sourceCode)];
}
