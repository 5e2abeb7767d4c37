// The server of src/main.ts with another executor than production's, for the bench's executor variants
// (bench/run.ts --variants uncached,resolvers,interpreted): BENCH_EXECUTOR is 'jit' or 'graphql-js'.
import type { GraphQLExecutorName } from '../src/execution/executors.ts';
import { exitOnStartFailure, main } from '../src/main.ts';

const executor = process.env.BENCH_EXECUTOR as GraphQLExecutorName | undefined;
if (executor !== 'jit' && executor !== 'graphql-js' && executor !== 'sql')
  throw new Error(`BENCH_EXECUTOR must be sql, jit or graphql-js, not ${executor}`);
main({ executor }).catch(exitOnStartFailure);
