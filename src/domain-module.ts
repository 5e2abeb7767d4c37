// What a domain folder contributes to the API, declared in one object per domain (its `index.ts`) and assembled
// by src/schema.ts from one explicit list: nothing is registered as a side effect of importing a module.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { makeExecutableSchema } from '@graphql-tools/schema';

import type { NodeFetcher } from './shared/node.resolvers.ts';
import type { NodeType } from './shared/global-id.ts';
import type { TypeProjection } from './sql/projection.ts';
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
