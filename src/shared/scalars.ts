import { DateTimeResolver, JSONResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';

export const scalarResolvers = {
  DateTime: DateTimeResolver,
  URL: URLResolver,
  JSON: JSONResolver,
  NonNegativeInt: NonNegativeIntResolver,
};
