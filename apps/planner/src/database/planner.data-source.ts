import { createDataSourceOptions } from '@throughcare/persistence';

import { CreatePlannerTables1763800000100 } from '../migrations/1763800000100-CreatePlannerTables';
import { AddEpisodeToMilestones1763900000300 } from '../migrations/1763900000300-AddEpisodeToMilestones';
import { ConsentVersionOnReleasePlan1764900000100 } from '../migrations/1764900000100-ConsentVersionOnReleasePlan';
import { MilestoneEntity } from '../milestones/milestone.entity';
import { ReleasePlanEntity } from '../milestones/release-plan.entity';

export const PLANNER_SCHEMA = 'planner';

export function plannerDataSourceOptions(url: string) {
  return createDataSourceOptions({
    url,
    schema: PLANNER_SCHEMA,
    applicationName: 'throughcare-planner',
    entities: [ReleasePlanEntity, MilestoneEntity],
    migrations: [
      CreatePlannerTables1763800000100,
      AddEpisodeToMilestones1763900000300,
      ConsentVersionOnReleasePlan1764900000100,
    ],
  });
}
