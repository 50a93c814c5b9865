import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';

import { MILESTONE_KINDS } from '@throughcare/contracts';

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
import { PersonEntity } from './person.entity';
import { ReleaseNoticeEntity } from './release-notice.entity';
import {
  consentEntries,
  disclosureEntry,
  riskOverrideEntry,
  type TimelineEntry,
} from './timeline-entries';

export type { TimelineEntry } from './timeline-entries';

export interface UpcomingRelease {
  prisonNumber: string;
  establishment: string | null;
  releaseDate: string;
  status: string | null;
  steps: Record<'sixWeeks' | 'twoDays' | 'dayOfRelease', 'SENT' | 'PENDING'>;
}

const STEP_BY_MILESTONE = {
  SIX_WEEKS: 'sixWeeks',
  TWO_DAYS: 'twoDays',
  DAY_OF_RELEASE: 'dayOfRelease',
} as const;

/** Read side of the person record: the timeline and the upcoming releases. */
@Injectable()
export class PeopleQueries {
  constructor(private readonly dataSource: DataSource) {}

  async person(prisonNumber: string): Promise<PersonEntity | null> {
    return this.dataSource.getRepository(PersonEntity).findOneBy({ prisonNumber });
  }

  /** Establishments the person's events name: a prison key may read a timeline it contributed to. */
  async establishmentsOf(prisonNumber: string): Promise<string[]> {
    const rows: Array<{ establishment: string }> = await this.dataSource.query(
      `SELECT DISTINCT establishment FROM api.intake_event WHERE prison_number = $1
       UNION SELECT payload->>'toEstablishment' FROM api.intake_event WHERE prison_number = $1 AND payload ? 'toEstablishment'`,
      [prisonNumber],
    );
    return rows.map((r) => r.establishment);
  }

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
    const entries: TimelineEntry[] = [
      ...continuity,
      ...events.map((e) => ({
        at: e.occurredAt.toISOString(),
        kind: 'event' as const,
        type: e.type,
        summary: `${e.custodyChange ?? 'recorded'} at ${e.establishment} (via ${e.source})`,
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

  async upcomingReleases(
    establishment: string,
    from: string,
    to: string,
  ): Promise<UpcomingRelease[]> {
    const people = await this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where("p.status = 'RELEASE_PLANNED' AND p.establishment = :establishment", { establishment })
      .andWhere('p.release_date BETWEEN :from AND :to', { from, to })
      .orderBy('p.release_date')
      .addOrderBy('p.prison_number')
      .getMany();
    const notices = people.length
      ? await this.dataSource
          .getRepository(ReleaseNoticeEntity)
          .findBy({ prisonNumber: In(people.map((p) => p.prisonNumber)) })
      : [];
    return people.map((person) => {
      const sent = new Set(
        notices
          .filter(
            (n) => n.prisonNumber === person.prisonNumber && n.releaseDate === person.releaseDate,
          )
          .map((n) => n.milestone),
      );
      const steps = Object.fromEntries(
        MILESTONE_KINDS.map((kind) => [
          STEP_BY_MILESTONE[kind],
          sent.has(kind) ? 'SENT' : 'PENDING',
        ]),
      ) as UpcomingRelease['steps'];
      return {
        prisonNumber: person.prisonNumber,
        establishment: person.establishment,
        releaseDate: person.releaseDate as string,
        status: person.status,
        steps,
      };
    });
  }
}
