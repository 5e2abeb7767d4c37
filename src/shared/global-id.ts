// Opaque Relay global IDs: base64url("<Type>:<uuid>").
import { badUserInput } from './errors.ts';

export const NODE_TYPES = [
  'Article',
  'Entity',
  'Quote',
  'Media',
  'Author',
  'Section',
  'Tag',
  'Collection',
  'LiveEntry',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeGlobalId(type: NodeType, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Throws BAD_USER_INPUT naming `argumentName` when the ID is not one of ours. */
export function decodeGlobalId(
  globalId: string,
  argumentName: string,
  expected?: NodeType,
): { type: NodeType; id: string } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator) as NodeType;
  const id = decoded.slice(separator + 1);
  if (separator < 0 || !NODE_TYPES.includes(type) || !UUID.test(id)) {
    throw badUserInput(`\`${argumentName}\` is not a valid ID.`, argumentName);
  }
  if (expected && type !== expected) {
    throw badUserInput(`\`${argumentName}\` is the ID of a ${type}, not of a ${expected}.`, argumentName);
  }
  return { type, id };
}
