// The official ninjs 3.1 JSON Schema (schema/, copied from the IPTC) compiled once with Ajv, for exports (tests) and
// imports (ingest refuses a document that fails it, naming the failing paths).
import { readFileSync } from 'node:fs';

import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SCHEMA_URL = new URL('./schema/ninjs-schema_3.1.json', import.meta.url);

/**
 * The schema `$ref`s GeoJSON's own schema online (`places[].geoJSON`). Offline, a stand-in under the same `$id`
 * checks only that the value is a GeoJSON object by its `type`: the official GeoJSON schema is draft-07 (a second
 * meta-schema for one property), and neither the export nor the import reads geometry.
 */
const GEOJSON_STAND_IN = {
  $id: 'https://geojson.org/schema/GeoJSON.json',
  type: 'object',
  required: ['type'],
  properties: {
    type: {
      enum: [
        'Point',
        'MultiPoint',
        'LineString',
        'MultiLineString',
        'Polygon',
        'MultiPolygon',
        'GeometryCollection',
        'Feature',
        'FeatureCollection',
      ],
    },
  },
};

/** Where a document fails the schema: a JSON pointer into it and what is wrong there. */
export interface NinjsProblem {
  path: string;
  message: string;
}

type Validator = ReturnType<Ajv2020['compile']>;
const validators = new Map<boolean, Validator>();

/**
 * The compiled schema. `assertFormats`: `format` (uri, date-time) is checked, as our exports must pass; without it
 * `format` is an annotation, as JSON Schema 2020-12 has it by default, so an import accepts what the standard's own
 * examples do (`"uri": "renditions-example"`).
 */
function compiled(assertFormats: boolean): Validator {
  let validator = validators.get(assertFormats);
  if (validator) return validator;
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: assertFormats });
  if (assertFormats) addFormats.default(ajv);
  ajv.addSchema(GEOJSON_STAND_IN);
  validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object);
  validators.set(assertFormats, validator);
  return validator;
}

function describe(error: ErrorObject): NinjsProblem {
  const path = error.instancePath || '/';
  if (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties') {
    const property = error.params as { unevaluatedProperty?: string; additionalProperty?: string };
    return {
      path,
      message: `has an unknown property "${property.unevaluatedProperty ?? property.additionalProperty}"`,
    };
  }
  if (error.keyword === 'enum')
    return {
      path,
      message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`,
    };
  return { path, message: error.message ?? error.keyword };
}

/** The document's failures against ninjs 3.1 (at most `limit`, deduplicated); empty when it is valid. */
export function ninjsProblems(
  document: unknown,
  { assertFormats = true, limit = 10 }: { assertFormats?: boolean; limit?: number } = {},
): NinjsProblem[] {
  const validate = compiled(assertFormats);
  if (validate(document)) return [];
  const seen = new Set<string>();
  const problems: NinjsProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = describe(error);
    const key = `${problem.path} ${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
    if (problems.length === limit) break;
  }
  return problems;
}
