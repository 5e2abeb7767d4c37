// Generates GraphQL requests from the schema itself: random but valid operations over every root field, the same
// with hostile argument values (bad IDs and cursors, wrong scalar types, unicode, SQL-looking strings, null bytes),
// and malformed documents. Deterministic for a seed, so a failure can be replayed.
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { seededRandom } from '../../seed/seeded-random.ts';

export interface FuzzRequest {
  /** Sent as the JSON body's `query` (may be malformed on purpose). */
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** `true` when the request should carry an editor's API key. */
  asEditor: boolean;
  /** A hostile Authorization header instead of a key. */
  authorization?: string;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  '\'; DROP TABLE "Article"; --',
  '1; SELECT pg_sleep(10)',
  '\u0000',
  'lukashenko\u0000china',
  '%00',
  '😀🇧🇾'.repeat(40),
  'Лукашенко посетит Китай',
  '\u202Eevil\u202C',
  '\u200B\u200D\uFEFF',
  '\uD800',
  'x'.repeat(20_000),
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  'null',
  '-1',
  '1e309',
  '\\',
  '"',
  '*',
  '%',
  '_',
  'OR',
  '!!!',
  '"unterminated phrase',
  '-',
  'a & b | !c',
  'YXJ0aWNsZQ',
  Buffer.from('Article:not-a-uuid').toString('base64url'),
  Buffer.from('Secret:00000000-0000-0000-0000-000000000000').toString('base64url'),
  Buffer.from('{"offset":-1}').toString('base64url'),
  Buffer.from('{"offset":1e400,"id":null}').toString('base64url'),
  Buffer.from('\u0000\u0001\u0002').toString('base64'),
  encodeGlobalId('Article', '00000000-0000-0000-0000-000000000000'),
  encodeGlobalId('Quote', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  encodeGlobalId('Entity', '11111111-1111-1111-1111-111111111111'),
  encodeGlobalId('Media', '22222222-2222-2222-2222-222222222222'),
  'belarus-president-lukashenko-to-visit-china-next-week',
  'alexander-lukashenko',
  'xi-jinping',
  'world',
  '2023-02-25T10:00:00.000Z',
  '2023-02-30T25:61:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  'https://example.com/a.jpg',
  'javascript:alert(1)',
  'en',
];

const HOSTILE_NUMBERS = [
  0,
  1,
  -1,
  2,
  5,
  10,
  100,
  101,
  500,
  501,
  2_147_483_647,
  -2_147_483_648,
  2_147_483_648,
  1.5,
  -0.0001,
  1e308,
  Number.MAX_SAFE_INTEGER,
];

const SAMPLE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  ...HOSTILE_NUMBERS,
  true,
  false,
  null,
  [],
  {},
  [1, 'a', null],
  { a: { b: [1] } },
];

export class OperationFuzzer {
  private readonly random: () => number;

  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  /** A value of the right shape, usually; sometimes a wrong type, a null where none is allowed, or a hostile one. */
  value(type: GraphQLInputType, depth = 0): unknown {
    if (this.chance(0.12)) return this.pick(SAMPLE_VALUES);
    if (!isNonNullType(type) && this.chance(0.1)) return null;
    const nullable = getNullableType(type) as GraphQLInputType;
    if (isListType(nullable)) {
      const length = this.chance(0.05) ? 200 : Math.floor(this.random() * 4);
      return Array.from({ length }, () => this.value(nullable.ofType as GraphQLInputType, depth + 1));
    }
    if (isEnumType(nullable))
      return this.chance(0.9) ? this.pick(nullable.getValues()).name : this.pick(HOSTILE_STRINGS);
    if (isInputObjectType(nullable)) {
      if (depth > 4) return {};
      const object: Record<string, unknown> = {};
      for (const field of Object.values(nullable.getFields())) {
        if (isNonNullType(field.type) || this.chance(0.4)) object[field.name] = this.value(field.type, depth + 1);
      }
      if (this.chance(0.05)) object.notAField = 'x';
      return object;
    }
    if (isScalarType(nullable)) {
      switch (nullable.name) {
        case 'Int':
        case 'NonNegativeInt':
          return this.chance(0.8) ? this.pick(HOSTILE_NUMBERS) : this.pick(SAMPLE_VALUES);
        case 'Float':
          return this.random() * 1e6 - 5e5;
        case 'Boolean':
          return this.chance(0.9) ? this.chance(0.5) : this.pick(SAMPLE_VALUES);
        default:
          return this.pick(HOSTILE_STRINGS);
      }
    }
    return null;
  }

  /** A GraphQL literal for a value: JSON is almost GraphQL, except that object keys are bare and enums are names. */
  private literal(value: unknown, type: GraphQLInputType): string {
    const nullable = getNullableType(type);
    if (value === null || value === undefined) return 'null';
    if (Array.isArray(value)) {
      const item = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : type;
      return `[${value.map((v) => this.literal(v, item)).join(', ')}]`;
    }
    if (typeof value === 'object') {
      const fields = isInputObjectType(nullable) ? nullable.getFields() : {};
      return `{${Object.entries(value)
        .map(([k, v]) => `${k}: ${this.literal(v, (fields[k]?.type ?? type) as GraphQLInputType)}`)
        .join(', ')}}`;
    }
    if (typeof value === 'string' && isEnumType(nullable) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
    if (typeof value === 'number' && !Number.isFinite(value)) return '0';
    return JSON.stringify(value);
  }

  private selection(
    type: GraphQLOutputType,
    depth: number,
    variables: Map<string, { type: string; value: unknown }>,
  ): string {
    const named = getNamedType(type) as GraphQLNamedType;
    if (isLeafType(named)) return '';
    if (depth >= 4) return '{ __typename }';
    if (isUnionType(named) || isInterfaceType(named)) {
      const possible = this.schema.getPossibleTypes(named);
      const fragments = possible
        .filter(() => this.chance(0.5))
        .map((t) => `... on ${t.name} ${this.selection(t, depth + 1, variables)}`);
      const own = isInterfaceType(named) ? this.fields(Object.values(named.getFields()), depth, variables) : [];
      return `{ __typename ${own.join(' ')} ${fragments.join(' ')} }`;
    }
    if (!isObjectType(named)) return '';
    const fields = this.fields(Object.values(named.getFields()), depth, variables);
    return `{ ${fields.length ? fields.join(' ') : '__typename'} }`;
  }

  private fields(
    all: GraphQLField<unknown, unknown>[],
    depth: number,
    variables: Map<string, { type: string; value: unknown }>,
  ): string[] {
    const chosen = all.filter(() => this.chance(depth === 0 ? 0.25 : 0.35)).slice(0, 4);
    if (!chosen.length && all.length) chosen.push(this.pick(all));
    return chosen.map((field, i) => {
      const alias = this.chance(0.1) ? `a${depth}_${i}: ` : '';
      return `${alias}${field.name}${this.args(field.args, variables)} ${this.selection(field.type, depth + 1, variables)}`;
    });
  }

  private args(args: readonly GraphQLArgument[], variables: Map<string, { type: string; value: unknown }>): string {
    const given = args.filter((arg) => (isNonNullType(arg.type) ? !this.chance(0.03) : this.chance(0.5)));
    if (!given.length) return '';
    return `(${given
      .map((arg) => {
        const value = this.value(arg.type);
        if (this.chance(0.5)) {
          const name = `v${variables.size}`;
          // Sometimes declare a different type than the argument's: a validation error, never a crash.
          const declared = this.chance(0.05) ? 'String' : String(arg.type);
          variables.set(name, { type: declared, value });
          return `${arg.name}: $${name}`;
        }
        return `${arg.name}: ${this.literal(value, arg.type)}`;
      })
      .join(', ')})`;
  }

  /** One well-formed operation (its argument values may still be wrong). */
  operation(): FuzzRequest {
    const mutationType = this.schema.getMutationType();
    const root = mutationType && this.chance(0.2) ? mutationType : this.schema.getQueryType()!;
    const variables = new Map<string, { type: string; value: unknown }>();
    const fields = this.fields(Object.values(root.getFields()), 0, variables).slice(0, 2);
    const keyword = root === mutationType ? 'mutation' : 'query';
    const declarations = variables.size
      ? `(${[...variables].map(([name, v]) => `$${name}: ${v.type}`).join(', ')})`
      : '';
    const query = `${keyword} Fuzz${declarations} { ${fields.join(' ')} }`;
    const values = Object.fromEntries([...variables].map(([name, v]) => [name, v.value]));
    // Drop or corrupt a variable now and then: missing required variables are coercion errors.
    if (variables.size && this.chance(0.05)) delete values[this.pick([...variables.keys()])];
    return { query, variables: values, asEditor: this.chance(0.35), ...this.hostileAuthorization() };
  }

  private hostileAuthorization(): { authorization?: string } {
    if (!this.chance(0.05)) return {};
    return {
      authorization: this.pick([
        'Bearer',
        'Bearer ',
        "Bearer ' OR 1=1 --",
        'Bearer ng_' + 'a'.repeat(500),
        'Basic YWRtaW46YWRtaW4=',
        'bearer ng_deadbeef',
        'Bearer \u00e9t\u00e9',
      ]),
    };
  }

  /** A broken request: truncated or corrupted documents, bad operation names, several anonymous operations. */
  malformed(): FuzzRequest {
    const base = this.operation();
    const text = base.query;
    const at = Math.floor(this.random() * text.length);
    const kinds: Array<() => FuzzRequest> = [
      () => ({ ...base, query: text.slice(0, at) }),
      () => ({
        ...base,
        query:
          text.slice(0, at) +
          this.pick(['{', '}', '(', ')', '$', '@', '!', '"', '...', '#', '\u0000', '😀', ':', '[', ']']) +
          text.slice(at),
      }),
      () => ({ ...base, query: text.replace(/\{/g, '(') }),
      () => ({ ...base, operationName: this.pick(['Nope', '', 'Fuzz ', '\u0000']) }),
      () => ({ ...base, query: `${text} ${text.replace('Fuzz', '')}` }),
      () => ({ ...base, query: `${text} ${text}` }),
      () => ({
        ...base,
        query: Array.from({ length: 64 }, () => String.fromCharCode(Math.floor(this.random() * 0x7f))).join(''),
      }),
      () => ({ ...base, query: `subscription { ${text.slice(text.indexOf('{') + 1)}` }),
      () => ({ ...base, query: `${text} fragment F on Nope { x }` }),
      () => ({ ...base, variables: { ...base.variables, [this.pick(['v0', 'v1'])]: this.pick(SAMPLE_VALUES) } }),
    ];
    return this.pick(kinds)();
  }

  next(): FuzzRequest {
    return this.chance(0.25) ? this.malformed() : this.operation();
  }
}
