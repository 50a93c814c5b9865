import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { localInstant } from '@throughcare/calendar';
import type { AcknowledgementFact, ReleaseFact } from '@throughcare/continuity-rules';
import {
  IntakeEventType,
  NoticeType,
  type CourtReleaseV1,
  type MilestoneKind,
  type ReleaseDischargedV1,
} from '@throughcare/contracts';

import { readEpisodeRecords } from '../person/episode-records.queries';
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
      `SELECT prison_number, episode_id, type, payload, occurred_at FROM api.intake_event e
        WHERE custody_change IN ('DISCHARGED', 'RELEASED_FROM_COURT')
          AND occurred_at BETWEEN $1::date - ${MARGIN_DAYS} AND $2::date + ${MARGIN_DAYS}
          -- A provisional release later retracted did not happen (REL-09).
          AND NOT EXISTS (
            SELECT 1 FROM api.intake_event r
             WHERE r.prison_number = e.prison_number AND r.custody_change = 'RELEASE_RETRACTED'
               AND r.payload->>'retractedEventId' = e.event_id::text)`,
      [from, to],
    );
    if (releases.length === 0) return [];
    const episodes = await this.episodesOnRecord(releases);
    return releases.map((row) => {
      const release = releaseOf(row);
      return releaseFactOf(release, episodes(release));
    });
  }

  /**
   * MEA-05: every delivery (not withheld) of a notice about the people released, with its first
   * ACCEPTED-or-ACTIONED and first ACTIONED acknowledgement, scoped like the person's release.
   */
  async acknowledgementFacts(releases: readonly ReleaseFact[]): Promise<AcknowledgementFact[]> {
    if (releases.length === 0) return [];
    const releaseOfPerson = new Map(releases.map((r) => [r.prisonNumber, r]));
    const rows: Array<{
      delivery_id: string;
      organisation_id: string;
      notice_type: string;
      prison_number: string;
      created_at: Date;
      accepted_at: Date | null;
      actioned_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT d.delivery_id, d.organisation_id, d.notice_type, n.prison_number, d.created_at,
              (SELECT min(a.acknowledged_at) FROM api.acknowledgement a
                WHERE a.delivery_id = d.delivery_id AND a.status IN ('ACCEPTED', 'ACTIONED')) AS accepted_at,
              (SELECT min(a.acknowledged_at) FROM api.acknowledgement a
                WHERE a.delivery_id = d.delivery_id AND a.status = 'ACTIONED') AS actioned_at
         FROM api.delivery d
         JOIN (SELECT notice_id, prison_number FROM api.issued_notice WHERE prison_number = ANY($1)
               UNION ALL
               SELECT notice_id, prison_number FROM api.release_notice WHERE prison_number = ANY($1)) n
           ON n.notice_id = d.notice_id
        WHERE d.status <> 'WITHHELD'`,
      [[...releaseOfPerson.keys()]],
    );
    return rows.flatMap((row) => {
      const release = releaseOfPerson.get(row.prison_number);
      if (!release) return [];
      return [
        {
          deliveryId: row.delivery_id,
          organisationId: row.organisation_id,
          noticeType: row.notice_type,
          establishment: release.establishment,
          releaseDate: release.releaseDate,
          openedAt: row.created_at.toISOString(),
          acceptedAt: row.accepted_at?.toISOString() ?? null,
          actionedAt: row.actioned_at?.toISOString() ?? null,
        },
      ];
    });
  }

  private async episodesOnRecord(
    releases: EventRow[],
  ): Promise<(release: ReleaseHappened) => EpisodeOnRecord> {
    const episodeIds = releases.map((r) => r.episode_id);
    const people = [...new Set(releases.map((r) => r.prison_number))];
    const q = <T>(sql: string, params: unknown[]) =>
      this.dataSource.query(sql, params) as Promise<T[]>;
    const [records, bridging, milestones, unplanned, attended] = await Promise.all([
      readEpisodeRecords(this.dataSource, episodeIds),
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
      // MEA-06: first appointments attended, as the community service reported them (ACK-01).
      q<{ prison_number: string; at: string }>(
        `SELECT prison_number, action->>'at' AS at FROM api.acknowledgement
          WHERE prison_number = ANY($1) AND status = 'ACTIONED'
            AND action->>'kind' = 'FIRST_APPOINTMENT_ATTENDED'`,
        [people],
      ),
    ]);
    return (release) => {
      const episode: EpisodeOnRecord = {
        planned: records.planned.get(release.episodeId) ?? null,
        reception: records.reception.get(release.episodeId) ?? null,
        ostPlan: records.ostPlan.get(release.episodeId) ?? null,
        naloxone: records.naloxone.get(release.episodeId)?.outcome ?? null,
        bridgingStatus: null,
        milestoneNotices: [],
        unplannedNotices: unplanned.filter((n) => n.episode_id === release.episodeId).map(delivery),
      };
      const day = releaseDayOf(release, episode);
      episode.bridgingStatus =
        bridging.find((b) => b.prison_number === release.prisonNumber && b.release_date === day)
          ?.status ?? null;
      // The first attended from the release day on (an earlier custody episode's do not count).
      const releaseDayStart = localInstant(day, '00:00', ZONE).toISOString();
      episode.firstAppointmentAttendedAt =
        attended
          .filter((a) => a.prison_number === release.prisonNumber && a.at >= releaseDayStart)
          .map((a) => new Date(a.at).toISOString())
          .sort()[0] ?? null;
      episode.milestoneNotices = milestones
        .filter((n) => n.prison_number === release.prisonNumber && n.release_date === day)
        .map((n) => ({ milestone: n.milestone, ...delivery(n) }));
      return episode;
    };
  }
}

const ZONE = 'Europe/London';

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
      ...(data.releaseArea ? { releaseArea: data.releaseArea.localAuthorityCode } : {}),
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
