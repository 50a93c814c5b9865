import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { ReleaseFact } from '@throughcare/continuity-rules';
import {
  IntakeEventType,
  NoticeType,
  type CourtReleaseV1,
  type MilestoneKind,
  type NaloxoneOutcomeV1,
  type OstPlanV1,
  type ReceptionReceivedV1,
  type ReleaseDischargedV1,
  type ReleasePlannedV1,
} from '@throughcare/contracts';

import {
  releaseDayOf,
  releaseFactOf,
  type EpisodeOnRecord,
  type ReleaseHappened,
} from './release-facts';

interface EventRow {
  prison_number: string;
  episode_id: string;
  type: string;
  payload: object;
  occurred_at: Date;
}

/** A release's date may differ from the day it was recorded; read this far around the window. */
const MARGIN_DAYS = 14;

/** Gathers, per release that happened in a window, what the throughcare measures count. */
@Injectable()
export class MeasuresQueries {
  constructor(private readonly dataSource: DataSource) {}

  async releaseFacts(from: string, to: string): Promise<ReleaseFact[]> {
    const releases: EventRow[] = await this.dataSource.query(
      `SELECT prison_number, episode_id, type, payload, occurred_at FROM api.intake_event
        WHERE custody_change IN ('DISCHARGED', 'RELEASED_FROM_COURT')
          AND occurred_at BETWEEN $1::date - ${MARGIN_DAYS} AND $2::date + ${MARGIN_DAYS}`,
      [from, to],
    );
    if (releases.length === 0) return [];
    const episodes = await this.episodesOnRecord(releases);
    return releases.map((row) => {
      const release = releaseOf(row);
      return releaseFactOf(release, episodes(release));
    });
  }

  private async episodesOnRecord(
    releases: EventRow[],
  ): Promise<(release: ReleaseHappened) => EpisodeOnRecord> {
    const episodeIds = releases.map((r) => r.episode_id);
    const people = [...new Set(releases.map((r) => r.prison_number))];
    const q = <T>(sql: string, params: unknown[]) =>
      this.dataSource.query(sql, params) as Promise<T[]>;
    const [events, plans, naloxone, bridging, milestones, unplanned] = await Promise.all([
      q<EventRow>(
        `SELECT prison_number, episode_id, type, payload, occurred_at FROM api.intake_event
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
      q<{ prison_number: string; status: 'OPEN' | 'ISSUED'; release_date: string }>(
        `SELECT prison_number, status, release_date::text AS release_date FROM api.bridging_request
          WHERE prison_number = ANY($1) AND status <> 'CANCELLED'`,
        [people],
      ),
      q<{ prison_number: string; milestone: MilestoneKind; release_date: string } & Delivered>(
        `SELECT n.prison_number, n.milestone, n.release_date::text AS release_date, n.due_at,
                (SELECT min(d.delivered_at) FROM api.delivery d WHERE d.notice_id = n.notice_id) AS first_delivered_at
           FROM api.release_notice n WHERE n.prison_number = ANY($1)`,
        [people],
      ),
      q<{ episode_id: string } & Delivered>(
        `SELECT n.episode_id, n.due_at,
                (SELECT min(d.delivered_at) FROM api.delivery d WHERE d.notice_id = n.notice_id) AS first_delivered_at
           FROM api.issued_notice n WHERE n.episode_id = ANY($1) AND n.notice_type = $2`,
        [episodeIds, NoticeType.Unplanned],
      ),
    ]);
    return (release) => {
      const ofEpisode = events.filter((e) => e.episode_id === release.episodeId);
      const latest = (type: string) => ofEpisode.filter((e) => e.type === type).at(-1)?.payload;
      const episode: EpisodeOnRecord = {
        planned: (latest(IntakeEventType.ReleasePlanned) as ReleasePlannedV1 | undefined) ?? null,
        reception:
          (latest(IntakeEventType.ReceptionReceived) as ReceptionReceivedV1 | undefined) ?? null,
        ostPlan: plans.find((p) => p.episode_id === release.episodeId)?.plan ?? null,
        naloxone: naloxone.find((n) => n.episode_id === release.episodeId)?.outcome.outcome ?? null,
        bridgingStatus: null,
        milestoneNotices: [],
        unplannedNotices: unplanned.filter((n) => n.episode_id === release.episodeId).map(delivery),
      };
      const day = releaseDayOf(release, episode);
      episode.bridgingStatus =
        bridging.find((b) => b.prison_number === release.prisonNumber && b.release_date === day)
          ?.status ?? null;
      episode.milestoneNotices = milestones
        .filter((n) => n.prison_number === release.prisonNumber && n.release_date === day)
        .map((n) => ({ milestone: n.milestone, ...delivery(n) }));
      return episode;
    };
  }
}

interface Delivered {
  due_at: Date;
  first_delivered_at: Date | null;
}

function delivery(row: Delivered): { dueAt: string; firstDeliveredAt: string | null } {
  return {
    dueAt: row.due_at.toISOString(),
    firstDeliveredAt: row.first_delivered_at?.toISOString() ?? null,
  };
}

function releaseOf(row: EventRow): ReleaseHappened {
  if (row.type === IntakeEventType.CourtReleaseReleased) {
    const data = row.payload as CourtReleaseV1;
    return {
      prisonNumber: row.prison_number,
      episodeId: row.episode_id,
      how: 'COURT',
      establishment: data.holdingEstablishment,
      at: data.releasedAt,
    };
  }
  const data = row.payload as ReleaseDischargedV1;
  return {
    prisonNumber: row.prison_number,
    episodeId: row.episode_id,
    how: 'DISCHARGE',
    establishment: data.establishment,
    at: data.dischargedAt,
  };
}
