import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';

import {
  MILESTONE_KINDS,
  type IntakePayload,
  type NaloxoneOutcomeV1,
  type OstPlanV1,
  type ReceptionReceivedV1,
  type ReleasePlannedV1,
} from '@throughcare/contracts';

import { AcknowledgementEntity } from '../acknowledgements/acknowledgement.entity';
import { describeAcknowledgement } from '../acknowledgements/acknowledgement-rules';
import { ConsentRecordEntity } from '../consent/consent-record.entity';
import { RiskOverrideEntity } from '../consent/risk-override.entity';
import { DisclosureRecordEntity } from '../disclosure-audit/disclosure-record.entity';
import { IntakeEventEntity } from '../intake/intake-event.entity';
import {
  DirVersionEntity,
  NaloxoneRecordEntity,
  OstPlanRecordEntity,
} from '../person-record/person-record.entities';
import { BridgingRequestEntity } from '../prescribing/bridging-request.entity';
import { continuityEntries } from './continuity-timeline-entries';
import { IssuedNoticeEntity } from './issued-notice.entity';
import { readEpisodeRecords } from '../person/episode-records.queries';
import { PersonEntity } from '../person/person.entity';
import { ReleaseNoticeEntity } from './release-notice.entity';
import { releaseSteps, type ReleaseSteps } from './release-steps';
import {
  consentEntries,
  disclosureEntry,
  riskOverrideEntry,
  type TimelineEntry,
} from './timeline-entries';

export type { TimelineEntry } from './timeline-entries';

export interface UpcomingRelease extends ReleaseSteps {
  prisonNumber: string;
  establishment: string | null;
  releaseDate: string;
  status: string | null;
  steps: Record<'sixWeeks' | 'twoDays' | 'dayOfRelease', 'SENT' | 'PENDING'>;
}

/** What the API holds about the episodes of upcoming releases, for their throughcare steps. */
interface EpisodeFacts {
  planned: Map<string, ReleasePlannedV1>;
  reception: Map<string, ReceptionReceivedV1>;
  naloxone: Map<string, NaloxoneOutcomeV1>;
  ostPlan: Map<string, OstPlanV1>;
  /** Local authority codes each community organisation covers, one entry per organisation. */
  communityAreas: string[][];
  /** `prisonNumber releaseDate` to the statuses of the deliveries of its notices. */
  deliveries: Map<string, string[]>;
}

const DAY_MS = 86_400_000;

const STEP_BY_MILESTONE = {
  SIX_WEEKS: 'sixWeeks',
  TWO_DAYS: 'twoDays',
  DAY_OF_RELEASE: 'dayOfRelease',
} as const;

/** Read side of the person record: the timeline and the upcoming releases. */
@Injectable()
export class PeopleQueries {
  constructor(private readonly dataSource: DataSource) {}

  async timeline(prisonNumber: string): Promise<TimelineEntry[]> {
    const events = await this.dataSource.getRepository(IntakeEventEntity).findBy({ prisonNumber });
    const notices = await this.dataSource
      .getRepository(ReleaseNoticeEntity)
      .findBy({ prisonNumber });
    const consents = await this.dataSource
      .getRepository(ConsentRecordEntity)
      .findBy({ prisonNumber });
    const overrides = await this.dataSource
      .getRepository(RiskOverrideEntity)
      .findBy({ prisonNumber });
    const disclosures = await this.dataSource
      .getRepository(DisclosureRecordEntity)
      .find({ where: { prisonNumber }, order: { decidedAt: 'ASC', decisionId: 'ASC' } });
    const repo = <T extends object>(entity: new () => T) => this.dataSource.getRepository(entity);
    const continuity = continuityEntries({
      dirs: await repo(DirVersionEntity).findBy({ prisonNumber }),
      ostPlans: await repo(OstPlanRecordEntity).findBy({ prisonNumber }),
      naloxone: await repo(NaloxoneRecordEntity).findBy({ prisonNumber }),
      bridgingRequests: await repo(BridgingRequestEntity).findBy({ prisonNumber }),
      notices: await repo(IssuedNoticeEntity).findBy({ prisonNumber }),
    });
    const acknowledgements = await repo(AcknowledgementEntity).findBy({ prisonNumber });
    const entries: TimelineEntry[] = [
      ...continuity,
      ...acknowledgements.map((a) => ({
        at: a.acknowledgedAt.toISOString(),
        kind: 'acknowledgement' as const,
        type: a.status,
        summary: describeAcknowledgement(a),
        acknowledgementId: a.acknowledgementId,
        deliveryId: a.deliveryId,
        noticeId: a.noticeId,
        noticeType: a.noticeType,
        organisationId: a.organisationId,
      })),
      ...events.map((e) => ({
        at: e.occurredAt.toISOString(),
        kind: 'event' as const,
        type: e.type,
        summary: `${e.custodyChange ?? 'recorded'} at ${e.establishment} (via ${e.source}${reportedFor(e.payload)})`,
        eventId: e.eventId,
      })),
      ...notices.map((n) => ({
        at: n.issuedAt.toISOString(),
        kind: 'notice' as const,
        type: n.noticeType,
        summary: `${n.milestone} notice for the release on ${n.releaseDate}${n.shortNotice ? ' (short notice)' : ''}`,
        noticeId: n.noticeId,
      })),
      ...consentEntries(consents),
      ...overrides.map(riskOverrideEntry),
      ...disclosures.map(disclosureEntry),
    ];
    return entries.sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Planned releases from an establishment between two dates, each with the state of every
   * throughcare step and what puts it at risk (release-steps.ts). `today` is the London date
   * days to release are counted from.
   */
  async upcomingReleases(
    establishment: string,
    from: string,
    to: string,
    today: string,
  ): Promise<UpcomingRelease[]> {
    const people = await this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where("p.status = 'RELEASE_PLANNED' AND p.establishment = :establishment", { establishment })
      .andWhere('p.release_date BETWEEN :from AND :to', { from, to })
      .orderBy('p.release_date')
      .addOrderBy('p.prison_number')
      .getMany();
    if (people.length === 0) return [];
    const notices = await this.dataSource
      .getRepository(ReleaseNoticeEntity)
      .findBy({ prisonNumber: In(people.map((p) => p.prisonNumber)) });
    const facts = await this.episodeFacts(people);
    return people.map((person) => {
      const releaseDate = person.releaseDate as string;
      const sent = new Set(
        notices
          .filter((n) => n.prisonNumber === person.prisonNumber && n.releaseDate === releaseDate)
          .map((n) => n.milestone),
      );
      const steps = Object.fromEntries(
        MILESTONE_KINDS.map((kind) => [
          STEP_BY_MILESTONE[kind],
          sent.has(kind) ? 'SENT' : 'PENDING',
        ]),
      ) as UpcomingRelease['steps'];
      const episode = person.episodeId ?? '';
      const planned = facts.planned.get(episode);
      const misuse = facts.reception.get(episode)?.substanceMisuse;
      const area = planned?.releaseArea.localAuthorityCode;
      return {
        prisonNumber: person.prisonNumber,
        establishment: person.establishment,
        releaseDate,
        status: person.status,
        steps,
        ...releaseSteps({
          daysToRelease: Math.round((Date.parse(releaseDate) - Date.parse(today)) / DAY_MS),
          opiateHistory: planned?.clinical.opiateHistory ?? misuse?.opiateUse ?? false,
          onOst: planned?.clinical.onOst ?? misuse?.onOst ?? false,
          naloxone: facts.naloxone.get(episode)?.outcome ?? null,
          ostPlan: facts.ostPlan.get(episode)?.arrangement ?? null,
          recipientsForArea: area
            ? facts.communityAreas.filter((codes) => codes.includes(area)).length
            : 0,
          deliveryStatuses: facts.deliveries.get(`${person.prisonNumber} ${releaseDate}`) ?? [],
        }),
      };
    });
  }

  private async episodeFacts(people: PersonEntity[]): Promise<EpisodeFacts> {
    const episodes = people.flatMap((p) => (p.episodeId ? [p.episodeId] : []));
    const q = <T>(sql: string, params: unknown[] = []) =>
      this.dataSource.query(sql, params) as Promise<T[]>;
    const [records, organisations, deliveries] = await Promise.all([
      readEpisodeRecords(this.dataSource, episodes),
      q<{ local_authority_codes: string[] }>(
        `SELECT local_authority_codes FROM api.organisation
          WHERE type IN ('CJIT', 'COMMUNITY_PROVIDER')`,
      ),
      q<{ prison_number: string; release_date: string; status: string }>(
        `SELECT n.prison_number, n.release_date::text AS release_date, d.status
           FROM api.release_notice n JOIN api.delivery d ON d.notice_id = n.notice_id
          WHERE n.prison_number = ANY($1)`,
        [people.map((p) => p.prisonNumber)],
      ),
    ]);
    const byRelease = new Map<string, string[]>();
    for (const d of deliveries) {
      const key = `${d.prison_number} ${d.release_date}`;
      byRelease.set(key, [...(byRelease.get(key) ?? []), d.status]);
    }
    return {
      ...records,
      communityAreas: organisations.map((o) => o.local_authority_codes),
      deliveries: byRelease,
    };
  }
}

/** A system reporting for a prison names the event it acted on (HMPPS-7: the HMPPS event id). */
function reportedFor(payload: IntakePayload): string {
  return payload.source ? `, ${payload.source.system} event ${payload.source.eventId}` : '';
}
