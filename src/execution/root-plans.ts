// The root fields that response mode can answer (src/execution/rendered.ts), each with its plan: the statement
// that writes the field's response JSON. Any other root field is answered by resolvers.
import { articleRootPlans } from '../article/article.resolvers.ts';
import { entityRootPlans } from '../entity/entity.resolvers.ts';
import { mediaRootPlans } from '../media/media.resolvers.ts';
import { quoteRootPlans } from '../quote/quote.resolvers.ts';
import { searchRootPlans } from '../search/search.resolvers.ts';
import type { RootPlan } from '../sql/run.ts';

export const ROOT_PLANS: ReadonlyMap<string, RootPlan> = new Map(
  Object.entries({ ...articleRootPlans, ...entityRootPlans, ...quoteRootPlans, ...mediaRootPlans, ...searchRootPlans }),
);
