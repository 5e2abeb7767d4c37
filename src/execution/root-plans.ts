// The root fields that response mode can answer (src/execution/rendered.ts), each with its plan: the statement
// that writes the field's response JSON. Any other root field is answered by resolvers.
import { DOMAINS } from '../schema.ts';
import type { RootPlan } from '../sql/run.ts';

export const ROOT_PLANS: ReadonlyMap<string, RootPlan> = new Map(
  DOMAINS.flatMap((domain) => Object.entries(domain.rootPlans ?? {})),
);
