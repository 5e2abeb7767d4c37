// The start-up check that every field of the schema resolves to something. A field resolves when it has a
// resolver (a subscription field: a `subscribe`), or when graphql-js's default resolver finds it on the object
// the field's type is built from:
// - a type with an SQL projection is built from its JSON row, which holds exactly the projection's columns
//   (timestamps included); its relations and `renders` are not keys of the row, so they need resolvers;
// - any other type is built by the domain's code, which declares what it puts there (`defaultResolved`).
// Declarations must name fields that exist, so a rename in the SDL cannot leave a stale relation behind.
import { type GraphQLField, type GraphQLObjectType, type GraphQLSchema, isObjectType } from 'graphql';

import { type DomainModule, mergedProjections } from './domain-module.ts';
import type { TypeProjection } from './sql/projection.ts';

/** Every object type of the schema but the introspection types. */
function objectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
}

interface Declarations {
  projections: Map<string, TypeProjection>;
  /** `defaultResolved`, merged over the domains: by type, the field names. */
  defaults: Map<string, Set<string>>;
}

function mergedDeclarations(domains: readonly DomainModule[]): Declarations {
  const projections = mergedProjections(domains);
  const defaults = new Map<string, Set<string>>();
  for (const domain of domains) {
    for (const [type, fields] of Object.entries(domain.defaultResolved ?? {})) {
      defaults.set(type, new Set([...(defaults.get(type) ?? []), ...fields]));
    }
  }
  return { projections, defaults };
}

const isColumn = (projection: TypeProjection, field: string) =>
  projection.columns.names.has(field) || projection.columns.timestamps.has(field);

/** Why `field` of `type` does not resolve, or null when it does. */
function fieldProblem(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  declared: Declarations,
): string | null {
  const name = `${type.name}.${field.name}`;
  const projection = declared.projections.get(type.name);
  const declaredDefault = declared.defaults.get(type.name)?.has(field.name) ?? false;
  if (type === schema.getSubscriptionType()) return field.subscribe ? null : `${name} has no subscribe function.`;
  if (field.resolve) return declaredDefault ? `${name} is declared default-resolved but has a resolver.` : null;
  if (type === schema.getQueryType() || type === schema.getMutationType()) return `${name} has no resolver.`;
  if (projection?.relations[field.name]) {
    return `${name} is a relation of the ${type.name} projection but has no resolver (use relationResolver).`;
  }
  if (projection?.renders?.[field.name] || projection?.embedded?.[field.name]) {
    return `${name} is rendered in SQL but has no resolver for row mode.`;
  }
  if (projection && isColumn(projection, field.name)) return null;
  if (declaredDefault) return null;
  return projection
    ? `${name} has no resolver and is not a column of the ${type.name} projection.`
    : `${name} has no resolver and is not declared in its domain's defaultResolved.`;
}

/** Declarations that name a type or field the schema does not have. */
function staleDeclarations(schema: GraphQLSchema, declared: Declarations): string[] {
  const problems: string[] = [];
  const fieldsOf = (typeName: string) => {
    const type = schema.getType(typeName);
    return isObjectType(type) ? type.getFields() : null;
  };
  for (const [typeName, projection] of declared.projections) {
    const fields = fieldsOf(typeName);
    if (!fields) {
      problems.push(`The ${typeName} projection is for a type the schema does not have.`);
      continue;
    }
    const named = [projection.relations, projection.renders ?? {}, projection.embedded ?? {}].flatMap(Object.keys);
    for (const key of named) {
      if (!fields[key])
        problems.push(`The ${typeName} projection declares ${key}, which is not a field of ${typeName}.`);
    }
  }
  for (const [typeName, names] of declared.defaults) {
    const fields = fieldsOf(typeName);
    for (const name of names) {
      if (!fields?.[name]) problems.push(`${typeName}.${name} is declared default-resolved but is not in the schema.`);
    }
  }
  return problems;
}

/** Every field that does not resolve and every stale declaration, one sentence each (empty when all is well). */
export function fieldResolutionProblems(schema: GraphQLSchema, domains: readonly DomainModule[]): string[] {
  const declared = mergedDeclarations(domains);
  const problems = staleDeclarations(schema, declared);
  for (const type of objectTypes(schema)) {
    for (const field of Object.values(type.getFields())) {
      const problem = fieldProblem(schema, type, field, declared);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

export class UnresolvedFieldsError extends Error {
  constructor(readonly problems: string[]) {
    super(`The schema has fields that resolve to nothing (see docs/adding-a-field.md):\n  ${problems.join('\n  ')}`);
    this.name = 'UnresolvedFieldsError';
  }
}

export function assertEveryFieldResolves(schema: GraphQLSchema, domains: readonly DomainModule[]): void {
  const problems = fieldResolutionProblems(schema, domains);
  if (problems.length) throw new UnresolvedFieldsError(problems);
}
