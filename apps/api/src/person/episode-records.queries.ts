import type { DataSource } from 'typeorm';

import {
  IntakeEventType,
  type NaloxoneOutcomeV1,
  type OstPlanV1,
  type ReceptionReceivedV1,
  type ReleasePlannedV1,
} from '@throughcare/contracts';

/** What a custody episode holds on record, as the caseload and the measures both read it. */
export interface EpisodeRecords {
  /** The newest accepted planned release and reception of each episode. */
  planned: Map<string, ReleasePlannedV1>;
  reception: Map<string, ReceptionReceivedV1>;
  /** The newest OST plan version and naloxone record of each episode. */
  ostPlan: Map<string, OstPlanV1>;
  naloxone: Map<string, NaloxoneOutcomeV1>;
}

/**
 * The episode reads the caseload (`GET /v1/releases`) and the measures (`GET /v1/measures`) share,
 * in three queries for any number of episodes. A late record (RECORDED_LATE) never counts as the
 * episode's plan or reception.
 */
export async function readEpisodeRecords(
  dataSource: DataSource,
  episodeIds: readonly string[],
): Promise<EpisodeRecords> {
  const q = <T>(sql: string, params: unknown[]) => dataSource.query(sql, params) as Promise<T[]>;
  const [events, plans, naloxone] = await Promise.all([
    q<{ episode_id: string; type: string; payload: ReleasePlannedV1 | ReceptionReceivedV1 }>(
      `SELECT episode_id, type, payload FROM api.intake_event
        WHERE episode_id = ANY($1) AND type = ANY($2)
          AND custody_change IS NOT NULL AND custody_change <> 'RECORDED_LATE'
        ORDER BY occurred_at`,
      [episodeIds, [IntakeEventType.ReleasePlanned, IntakeEventType.ReceptionReceived]],
    ),
    q<{ episode_id: string; plan: OstPlanV1 }>(
      `SELECT DISTINCT ON (episode_id) episode_id, plan FROM api.ost_plan_record
        WHERE episode_id = ANY($1) ORDER BY episode_id, version DESC`,
      [episodeIds],
    ),
    q<{ episode_id: string; outcome: NaloxoneOutcomeV1 }>(
      `SELECT DISTINCT ON (episode_id) episode_id, outcome FROM api.naloxone_record
        WHERE episode_id = ANY($1) ORDER BY episode_id, created_at DESC`,
      [episodeIds],
    ),
  ]);
  // In order of occurrence, so the last one kept per episode is the newest.
  const newest = <T>(type: string) =>
    new Map(events.filter((e) => e.type === type).map((e) => [e.episode_id, e.payload as T]));
  return {
    planned: newest<ReleasePlannedV1>(IntakeEventType.ReleasePlanned),
    reception: newest<ReceptionReceivedV1>(IntakeEventType.ReceptionReceived),
    ostPlan: new Map(plans.map((p) => [p.episode_id, p.plan])),
    naloxone: new Map(naloxone.map((n) => [n.episode_id, n.outcome])),
  };
}
