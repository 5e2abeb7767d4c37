// The printed schema is what GraphiQL, codegen and Relay read: graphql-schema-linter holds it to descriptions on
// everything, Relay's connection conventions and GraphQL naming, and every `…Edge` type must be a real Relay edge.
import { createRequire } from 'node:module';

import { getNamedType, isNonNullType, isObjectType, printSchema, type GraphQLSchema } from 'graphql';

import { buildSchema } from '../../src/schema.ts';

interface LintFinding {
  ruleName: string;
  message: string;
}
interface SchemaLinter {
  configuration: {
    Configuration: new (schema: { definition: string }, options: { rules: string[] }) => { getRules(): unknown[] };
  };
  validator: {
    validateSchemaDefinition(schema: { definition: string }, rules: unknown[], configuration: unknown): LintFinding[];
  };
}
const linter = createRequire(import.meta.url)('graphql-schema-linter') as SchemaLinter;

/** The rules held. Left out on purpose: the alphabetical-order rules (fields are ordered for the reader, most useful first). */
const RULES = [
  'types-have-descriptions',
  'fields-have-descriptions',
  'arguments-have-descriptions',
  'input-object-values-have-descriptions',
  'enum-values-have-descriptions',
  'descriptions-are-capitalized',
  'deprecations-have-a-reason',
  'relay-connection-types-spec',
  'relay-connection-arguments-spec',
  'relay-page-info-spec',
  'types-are-capitalized',
  'fields-are-camel-cased',
  'input-object-values-are-camel-cased',
  'enum-values-all-caps',
  'defined-types-are-used',
];

function lint(definition: string): string[] {
  const configuration = new linter.configuration.Configuration({ definition }, { rules: RULES });
  const rules = configuration.getRules();
  expect(rules).toHaveLength(RULES.length);
  return linter.validator
    .validateSchemaDefinition({ definition }, rules, configuration)
    .map((f) => `${f.ruleName}: ${f.message}`);
}

/** Types named like Relay edges that are not: Relay's compiler refuses `@connection` over them. */
function falseEdges(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && type.name.endsWith('Edge'))
    .flatMap((type) => {
      const fields = isObjectType(type) ? type.getFields() : {};
      const cursor = fields.cursor;
      const isEdge =
        cursor &&
        isNonNullType(cursor.type) &&
        getNamedType(cursor.type).name === 'String' &&
        fields.node !== undefined;
      return isEdge ? [] : [`${type.name} is named like a Relay edge but has no \`cursor: String!\` and \`node\``];
    });
}

test('the schema passes the lint: every type, field, argument, input field and enum value is described', () => {
  expect(lint(printSchema(buildSchema()))).toEqual([]);
});

test('the lint catches an undescribed field and a connection field without pagination arguments', () => {
  const findings = lint(`
    "Root."
    type Query {
      "Paged."
      things: ThingConnection!
      bare: Int
    }
    "A page."
    type ThingConnection {
      "Edges."
      edges: [String!]!
      "Page."
      pageInfo: PageInfo!
    }
    "Page state."
    type PageInfo {
      "More after."
      hasNextPage: Boolean!
      "More before."
      hasPreviousPage: Boolean!
      "First."
      startCursor: String
      "Last."
      endCursor: String
    }`);
  expect(findings).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^fields-have-descriptions: .*Query\.bare/),
      expect.stringMatching(/^relay-connection-arguments-spec: /),
    ]),
  );
});

test('every type named …Edge is a real Relay edge, with a cursor and a node', () => {
  expect(falseEdges(buildSchema())).toEqual([]);
});
