// What a domain folder contributes to the API, declared in one object per domain (its `index.ts`) and assembled
// by src/schema.ts from one explicit list: nothing is registered as a side effect of importing a module.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { makeExecutableSchema } from '@graphql-tools/schema';

import type { NodeFetcher } from './shared/node.resolvers.ts';
import type { NodeType } from './shared/global-id.ts';
import type { Relation, TypeProjection } from './sql/projection.ts';
import type { RootPlan } from './sql/run.ts';

/** A resolver map as graphql-tools takes it (the mutation resolvers type their own parents, not codegen's). */
type ResolverMap = Extract<
  NonNullable<Parameters<typeof makeExecutableSchema>[0]['resolvers']>,
  Record<string, unknown>
>;

export interface DomainModule {
  name: string;
  /** Absolute paths of the domain's SDL files (codegen.yml reads the same files: `src/**\/*.graphql`). */
  typeDefs: string[];
  resolvers: ResolverMap[];
  /** The SQL projection of each object type whose rows the domain's statements build (src/sql/projection.ts). */
  projections?: Record<string, TypeProjection>;
  /**
   * Relation fields the domain adds to another domain's type (`extend type Article` in its SDL), by type and field:
   * merged into that type's projection, so they are preloaded, rendered and loaded like the type's own relations.
   */
  relationsOf?: Record<string, Record<string, Relation>>;
  /** How `node(id:)` fetches the domain's node types. */
  nodeFetchers?: Partial<Record<NodeType, NodeFetcher>>;
  /** Root fields answered in one statement in response mode (src/execution/rendered.ts). */
  rootPlans?: Record<string, RootPlan>;
  /**
   * Fields of types without a projection (connections, payloads, facets) that graphql-js's default resolver reads
   * from the object the domain's code builds: by type, the field names. The start-up check (field-resolution.ts)
   * accepts a field without a resolver only if it is listed here or is a column of its type's projection.
   */
  defaultResolved?: Record<string, readonly string[]>;
}

/** The paths of SDL files beside the module at `moduleUrl` (pass `import.meta.url`). */
export function sdlFiles(moduleUrl: string, ...names: string[]): string[] {
  const dir = path.dirname(fileURLToPath(moduleUrl));
  return names.map((name) => path.join(dir, name));
}

/** `<Node>Connection { edges pageInfo }` and `<Node>Edge { cursor node }`, built by toConnectionPage (shared/pagination.ts). */
export function connectionDefaults(node: string): Record<string, readonly string[]> {
  return { [`${node}Connection`]: ['edges', 'pageInfo'], [`${node}Edge`]: ['cursor', 'node'] };
}

/** Each type's projection, with the relations other domains add to it (`relationsOf`) merged in. */
export function mergedProjections(domains: readonly DomainModule[]): Map<string, TypeProjection> {
  const projections = new Map(domains.flatMap((domain) => Object.entries(domain.projections ?? {})));
  for (const domain of domains) {
    for (const [typeName, relations] of Object.entries(domain.relationsOf ?? {})) {
      const projection = projections.get(typeName);
      if (!projection)
        throw new Error(`The ${domain.name} domain adds relations to ${typeName}, which has no projection.`);
      projections.set(typeName, { ...projection, relations: { ...projection.relations, ...relations } });
    }
  }
  return projections;
}
