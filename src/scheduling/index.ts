// The scheduling domain: scheduleArticle and cancelSchedule, and the Article fields showing a schedule (columns of the
// Article projection). The scheduler that carries schedules out is started by the server (scheduler.ts).
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { schedulingResolvers } from './scheduling.resolvers.ts';

export const schedulingModule: DomainModule = {
  name: 'scheduling',
  typeDefs: sdlFiles(import.meta.url, 'scheduling.graphql'),
  resolvers: [schedulingResolvers],
};
