import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import { bankHolidaySet, type MilestoneSettings } from '@throughcare/calendar';
import {
  ContinuityRecordV1,
  IntakeEventType,
  NoticeDueV1,
  NoticeType,
  PersonRecordEventType,
  validatePayload,
  type BridgingScriptIssuedV1,
  type CustodyChange,
  type DirRecordedV1,
  type IntakeEvent,
  type MilestoneKind,
  type NaloxoneRecordedV1,
  type OstPlanRecordedV1,
  type OstPlanV1,
  type ReleaseRetractedV1,
} from '@throughcare/contracts';
import {
  buildCourtRelease,
  buildDischarge,
  buildNoticeDue,
  buildReception,
  buildReleaseEvent,
  buildTransfer,
} from '@throughcare/testing';

import { onConsent, onIntakeAccepted } from '../custody-movements/custody-movement-decisions';
import { onMilestone } from '../continuity-notices/milestone-notices';
import { onPersonRecord, type PersonRecordWrite } from '../person-record/person-record';
import { continuityNotice, continuityNoticeId } from './continuity-messages';
import {
  emptyState,
  type PersonContinuityState,
} from '../continuity-state/person-continuity.state';

// The continuity decisions over one person, as the handler runs them: each event's outcome bumps
// the revision when the record changed, and a notice whose deterministic id was issued before is
// not issued again (continuity.continuity_notice). Every notice is validated against NoticeDueV1.

const SETTINGS: MilestoneSettings = {
  localTime: '09:00',
  zone: 'Europe/London',
  bankHolidays: bankHolidaySet(),
};
const PN = 'A1234BC';
const HOLDING = 'LEI';
const RECEIVING = 'MDI';

const WRITE_TYPES = {
  dir: PersonRecordEventType.DirRecorded,
  ost: PersonRecordEventType.OstPlanRecorded,
  naloxone: PersonRecordEventType.NaloxoneRecorded,
  issued: PersonRecordEventType.BridgingScriptIssued,
} as const;

class Person {
  state: PersonContinuityState = emptyState(PN);
  readonly issued = new Map<string, NoticeDueV1>();
  records: ContinuityRecordV1[] = [];

  private apply(outcome: ReturnType<typeof onMilestone>, now: Date): NoticeDueV1[] {
    const fresh = outcome.notices
      .map((notice) => ({
        notice,
        noticeId: continuityNoticeId(PN, this.state.episodeId, notice),
      }))
      .filter(({ noticeId }) => !this.issued.has(noticeId));
    if (outcome.recordChanged || (fresh.length > 0 && this.state.revision === 0)) {
      this.state.revision += 1;
      this.state.record = {
        ...this.state.record,
        revision: this.state.revision,
        updatedAt: now.toISOString(),
        ...(this.state.episodeId ? { episodeId: this.state.episodeId } : {}),
      };
      this.records.push(structuredClone(this.state.record));
    }
    return fresh.map(({ notice, noticeId }) => {
      const data = continuityNotice(noticeId, notice, this.state.record, now);
      const valid = validatePayload(NoticeDueV1, JSON.parse(JSON.stringify(data)));
      expect(valid.ok ? [] : valid.errors).toEqual([]);
      this.issued.set(noticeId, data);
      return data;
    });
  }

  intake(
    intake: IntakeEvent,
    episodeId: string,
    change: CustodyChange,
    now = new Date('2027-05-01T10:00:00Z'),
  ): NoticeDueV1[] {
    const outcome = onIntakeAccepted(this.state, intake, { episodeId, change }, SETTINGS, now);
    return this.apply(outcome, now);
  }

  personRecord(
    type: keyof typeof WRITE_TYPES,
    data: DirRecordedV1 | OstPlanRecordedV1 | NaloxoneRecordedV1 | BridgingScriptIssuedV1,
    now = new Date('2027-05-02T10:00:00Z'),
  ): NoticeDueV1[] {
    const write = { type: WRITE_TYPES[type], data } as PersonRecordWrite;
    return this.apply(onPersonRecord(this.state, write, now), now);
  }

  milestone(notice: NoticeDueV1, now = new Date(notice.dueAt)): NoticeDueV1[] {
    return this.apply(onMilestone(this.state, notice, SETTINGS, now), now);
  }

  consent(cjit: boolean, now = new Date('2027-05-03T10:00:00Z')): NoticeDueV1[] {
    return this.apply(onConsent(this.state, cjit, now), now);
  }
}

const common = (episodeId: string) => ({
  prisonNumber: PN,
  episodeId,
  recordedByOrganisation: 'leeds-smt',
  acceptedAt: '2027-05-02T10:00:00Z',
});

function dirRecorded(episodeId: string, version = 1, holder = HOLDING): DirRecordedV1 {
  const episode = { receivedAt: '2027-04-01T14:05:00Z', establishment: HOLDING };
  return {
    ...common(episodeId),
    dirId: '6f1c1c1e-8a53-4c55-9a1e-0d7f4f5b0001',
    version,
    episode,
    holder,
    dir: {
      custodyEpisode: episode,
      establishment: holder,
      substances: [{ substance: 'OPIATES', route: 'INJECTED', primary: true }],
      treatment: {
        status: 'ACCESSING',
        modalities: ['OST_MAINTENANCE'],
        previousTreatment: 'NONE',
      },
      recordedBy: 'healthcare triage',
      recordedAt: '2027-04-02T10:00:00Z',
    } as DirRecordedV1['dir'],
  };
}

function ostPlan(episodeId: string, plan: Partial<OstPlanV1> = {}): OstPlanRecordedV1 {
  return {
    ...common(episodeId),
    version: 1,
    plan: { arrangement: 'BRIDGING_SCRIPT', lastPrisonDoseAt: null, ...plan } as OstPlanV1,
  };
}

/** Received at the holding prison on 1 April 2027, on methadone, in a new episode. */
function received(person: Person, episodeId: string, cjit?: string): NoticeDueV1[] {
  return person.intake(
    {
      type: IntakeEventType.ReceptionReceived,
      data: buildReception({
        prisonNumber: PN,
        establishment: HOLDING,
        receivedAt: '2027-04-01T14:05:00Z',
        cjitCaseload: cjit ? { organisationId: cjit } : undefined,
      }),
    },
    episodeId,
    'RECEIVED',
  );
}

function milestoneNotice(
  episodeId: string,
  milestone: MilestoneKind,
  releaseDate: string,
  dueAt: string,
  overrides: Partial<Parameters<typeof buildReleaseEvent>[0]> = {},
): NoticeDueV1 {
  const { occurredAt: _occurredAt, ...release } = buildReleaseEvent({
    prisonNumber: PN,
    establishment: HOLDING,
    releaseDate,
    ...overrides,
  });
  const noticeType = {
    SIX_WEEKS: NoticeType.SixWeeks,
    TWO_DAYS: NoticeType.TwoDays,
    DAY_OF_RELEASE: NoticeType.DayOfRelease,
  }[milestone];
  return buildNoticeDue({
    noticeId: randomUUID(),
    noticeType,
    prisonNumber: PN,
    episodeId,
    milestone,
    dueAt,
    issuedAt: dueAt,
    release,
  });
}

const types = (notices: NoticeDueV1[]) => notices.map((n) => n.noticeType);

describe('continuity decisions', () => {
  describe('custody movements and the DIR (TRF-01, DIR-01)', () => {
    it('hands the DIR to the receiving prison on transfer once; the reception there attaches it', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('dir', dirRecorded(episode));
      const transfer = buildTransfer({
        prisonNumber: PN,
        fromEstablishment: HOLDING,
        toEstablishment: RECEIVING,
        transferredAt: '2027-04-10T08:30:00Z',
      });
      const now = new Date('2027-04-10T08:30:02Z');
      const handoff = person.intake(
        { type: IntakeEventType.TransferCompleted, data: transfer },
        episode,
        'TRANSFERRED',
        now,
      );
      expect(handoff).toEqual([
        expect.objectContaining({
          noticeType: NoticeType.DirHandoff,
          episodeId: episode,
          dueAt: now.toISOString(),
          issuedAt: now.toISOString(),
          cause: {
            type: IntakeEventType.TransferCompleted,
            eventId: transfer.eventId,
            occurredAt: transfer.transferredAt,
            establishment: HOLDING,
            toEstablishment: RECEIVING,
          },
        }),
      ]);
      expect(handoff[0]!.continuity?.dir).toMatchObject({ holder: RECEIVING, version: 1 });

      const revision = person.state.revision;
      const arrival = person.intake(
        {
          type: IntakeEventType.ReceptionReceived,
          data: buildReception({
            prisonNumber: PN,
            establishment: RECEIVING,
            receivedAt: '2027-04-10T11:00:00Z',
            cjitCaseload: undefined,
          }),
        },
        episode,
        'RECEIVED',
      );
      expect(arrival).toEqual([]);
      expect(person.state.revision).toBe(revision);
      expect(person.state.record.dir).toMatchObject({ holder: RECEIVING, version: 1 });
    });

    it('a DIR replicated after the transfer was handled goes to the receiving prison, once', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      const transfer = buildTransfer({
        prisonNumber: PN,
        fromEstablishment: HOLDING,
        toEstablishment: RECEIVING,
        transferredAt: '2027-04-10T08:30:00Z',
      });
      expect(
        person.intake(
          { type: IntakeEventType.TransferCompleted, data: transfer },
          episode,
          'TRANSFERRED',
        ),
      ).toEqual([]);
      const late = person.personRecord('dir', dirRecorded(episode));
      expect(late).toEqual([
        expect.objectContaining({
          noticeType: NoticeType.DirHandoff,
          cause: expect.objectContaining({
            eventId: transfer.eventId,
            establishment: HOLDING,
            toEstablishment: RECEIVING,
          }),
        }),
      ]);
      expect(person.state.record.dir?.holder).toBe(RECEIVING);
      // Its next version, written by the receiving prison, is not handed anywhere.
      expect(person.personRecord('dir', dirRecorded(episode, 2, RECEIVING))).toEqual([]);
    });

    it('a transfer before any DIR is recorded hands nothing off', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      const notices = person.intake(
        {
          type: IntakeEventType.TransferCompleted,
          data: buildTransfer({ prisonNumber: PN, transferredAt: '2027-04-10T08:30:00Z' }),
        },
        episode,
        'TRANSFERRED',
      );
      expect(notices).toEqual([]);
    });

    it('ignores a transfer recorded late: it would hand the DIR back to a prison left behind', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('dir', dirRecorded(episode));
      const late = buildTransfer({ prisonNumber: PN, transferredAt: '2027-04-03T08:30:00Z' });
      expect(
        person.intake(
          { type: IntakeEventType.TransferCompleted, data: late },
          episode,
          'RECORDED_LATE',
        ),
      ).toEqual([]);
      expect(person.state.movements).toHaveLength(1);
      expect(person.state.record.dir?.holder).toBe(HOLDING);
    });

    it('asks the CJIT that holds the person for its record once the person consents, once per episode (DIR-06)', () => {
      const person = new Person();
      const episode = randomUUID();
      // Received before any consent: the request waits (sent now it would only be withheld).
      expect(received(person, episode, 'leeds-cjit')).toEqual([]);
      expect(person.consent(false)).toEqual([]);
      const notices = person.consent(true);
      expect(notices).toEqual([
        expect.objectContaining({
          noticeType: NoticeType.CjitRecordRequested,
          organisationId: 'leeds-cjit',
          cause: expect.objectContaining({
            type: IntakeEventType.ReceptionReceived,
            establishment: HOLDING,
          }),
        }),
      ]);
      expect(notices[0]!.release).toBeUndefined();
      expect(person.consent(true)).toEqual([]);
      person.intake(
        {
          type: IntakeEventType.TransferCompleted,
          data: buildTransfer({ prisonNumber: PN, transferredAt: '2027-04-10T08:30:00Z' }),
        },
        episode,
        'TRANSFERRED',
      );
      // The receiving prison's reception names the same CJIT: asked once per episode.
      const again = person.intake(
        {
          type: IntakeEventType.ReceptionReceived,
          data: buildReception({
            prisonNumber: PN,
            establishment: RECEIVING,
            receivedAt: '2027-04-10T11:00:00Z',
            cjitCaseload: { organisationId: 'leeds-cjit' },
          }),
        },
        episode,
        'RECEIVED',
      );
      expect(again).toEqual([]);
    });

    it('asks at reception when the cjit consent is already on record', () => {
      const person = new Person();
      person.consent(true);
      expect(received(person, randomUUID(), 'leeds-cjit')).toEqual([
        expect.objectContaining({
          noticeType: NoticeType.CjitRecordRequested,
          organisationId: 'leeds-cjit',
        }),
      ]);
    });

    it('a reception after a release starts an empty record; writes for the old episode change nothing', () => {
      const person = new Person();
      const first = randomUUID();
      received(person, first);
      person.personRecord('dir', dirRecorded(first));
      person.personRecord('ost', ostPlan(first));
      person.intake(
        {
          type: IntakeEventType.ReleaseDischarged,
          data: buildDischarge({
            prisonNumber: PN,
            establishment: HOLDING,
            dischargedAt: '2027-04-20T09:00:00Z',
          }),
        },
        first,
        'DISCHARGED',
      );
      const second = randomUUID();
      person.intake(
        {
          type: IntakeEventType.ReceptionReceived,
          data: buildReception({
            prisonNumber: PN,
            receivedAt: '2027-06-01T14:00:00Z',
            cjitCaseload: undefined,
          }),
        },
        second,
        'RECEIVED',
      );
      expect(person.state.record).toEqual({
        prisonNumber: PN,
        episodeId: second,
        revision: person.state.revision,
        atReception: { onOst: true, ostMedicine: 'METHADONE', opiateUse: true },
        updatedAt: expect.any(String),
      });
      const revision = person.state.revision;
      expect(person.personRecord('dir', dirRecorded(first, 2))).toEqual([]);
      expect(person.state.revision).toBe(revision);
      expect(person.state.record.dir).toBeUndefined();
    });

    it('a write for an episode whose reception has not arrived yet starts that episode', () => {
      const person = new Person();
      const episode = randomUUID();
      person.personRecord('dir', dirRecorded(episode));
      expect(person.state.episodeId).toBe(episode);
      received(person, episode);
      expect(person.state.record.dir).toMatchObject({ version: 1 });
    });
  });

  describe('person record replicas', () => {
    it('keeps the highest DIR version and the latest naloxone outcome; each change bumps the revision', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('dir', dirRecorded(episode, 2));
      const revision = person.state.revision;
      person.personRecord('dir', dirRecorded(episode, 1));
      expect(person.state.revision).toBe(revision);
      expect(person.state.record.dir?.version).toBe(2);
      for (const outcome of ['DECLINED', 'ISSUED'] as const)
        person.personRecord('naloxone', {
          ...common(episode),
          outcome: {
            outcome,
            ...(outcome === 'ISSUED' ? { trainingGiven: true } : { reason: 'does not want it' }),
            recordedAt: '2027-05-02T10:00:00Z',
          } as NaloxoneRecordedV1['outcome'],
        });
      expect(person.state.record.naloxone?.outcome).toBe('ISSUED');
      expect(person.state.revision).toBe(revision + 2);
      for (const record of person.records) {
        const valid = validatePayload(ContinuityRecordV1, JSON.parse(JSON.stringify(record)));
        expect(valid.ok ? [] : valid.errors).toEqual([]);
      }
    });
  });

  describe('the two-day milestone (OST-02 to OST-04)', () => {
    it.each([
      ['a Friday release, until Monday', '2027-05-21', '2027-05-19T08:00:00.000Z', '2027-05-24'],
      [
        'a Friday before the bank holiday Monday, until Tuesday',
        '2027-05-28',
        '2027-05-26T08:00:00.000Z',
        '2027-06-01',
      ],
    ])('opens a bridging request for %s', (_case, releaseDate, dueAt, coverUntil) => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('ost', ostPlan(episode));
      const notice = milestoneNotice(episode, 'TWO_DAYS', releaseDate, dueAt);
      const notices = person.milestone(notice);
      const requested = notices.find((n) => n.noticeType === NoticeType.BridgingScriptRequested);
      expect(requested).not.toHaveProperty('milestone');
      expect(requested).toMatchObject({
        dueAt,
        release: expect.objectContaining({ releaseDate, establishment: HOLDING }),
      });
      expect(person.state.record.bridgingRequest).toMatchObject({
        status: 'OPEN',
        releaseKind: 'PLANNED',
        urgent: false,
        fridayOrPreHoliday: true,
        establishment: HOLDING,
        releaseDate,
        coverFrom: releaseDate,
        coverUntil,
        openedAt: dueAt,
        ostMedicine: 'METHADONE',
        doseMg: 60,
      });
      expect(requested!.continuity?.bridgingRequest?.id).toBe(
        person.state.record.bridgingRequest?.id,
      );

      // Redelivered, or re-fired under a new event id: one request, no second notice.
      const revision = person.state.revision;
      expect(person.milestone(notice)).toEqual([]);
      expect(person.milestone({ ...notice, noticeId: randomUUID() })).toEqual([]);
      expect(person.state.revision).toBe(revision);
    });

    it('raises naloxone.missing at two days (not at six weeks), not when an outcome is on record', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      const sixWeeks = person.milestone(
        milestoneNotice(episode, 'SIX_WEEKS', '2027-06-16', '2027-05-05T08:00:00.000Z'),
      );
      expect(types(sixWeeks)).not.toContain(NoticeType.NaloxoneMissing);
      const twoDays = person.milestone(
        milestoneNotice(episode, 'TWO_DAYS', '2027-06-16', '2027-06-14T08:00:00.000Z'),
      );
      const missing = twoDays.filter((n) => n.noticeType === NoticeType.NaloxoneMissing);
      expect(missing).toEqual([expect.objectContaining({ dueAt: '2027-06-14T08:00:00.000Z' })]);
      expect(missing[0]).not.toHaveProperty('milestone');

      const withOutcome = new Person();
      const other = randomUUID();
      received(withOutcome, other);
      withOutcome.personRecord('naloxone', {
        ...common(other),
        outcome: { outcome: 'ISSUED', trainingGiven: true, recordedAt: '2027-05-02T10:00:00Z' },
      });
      const notices = withOutcome.milestone(
        milestoneNotice(other, 'TWO_DAYS', '2027-06-16', '2027-06-14T08:00:00.000Z'),
      );
      expect(types(notices)).not.toContain(NoticeType.NaloxoneMissing);
    });

    it('hands the DIR to the community and updates the OM summary when on licence; nothing for someone not on OST', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('dir', dirRecorded(episode));
      const notices = person.milestone(
        milestoneNotice(episode, 'TWO_DAYS', '2027-06-16', '2027-06-14T08:00:00.000Z', {
          clinical: { onOst: false, opiateHistory: false },
        }),
      );
      expect(types(notices).sort()).toEqual(
        [NoticeType.DirHandoff, NoticeType.TreatmentSummary].sort(),
      );
      expect(notices.find((n) => n.noticeType === NoticeType.TreatmentSummary)).toMatchObject({
        milestone: 'TWO_DAYS',
      });
      expect(notices.find((n) => n.noticeType === NoticeType.DirHandoff)?.cause).toBeUndefined();
      expect(person.state.record.bridgingRequest).toBeUndefined();
    });
  });

  describe("the last prison dose's cover (OST-09)", () => {
    // Release on Wednesday 16 June 2027; the community dose is booked for 16:00 that day (BST).
    const plan = (lastPrisonDoseAt: string | null) => ({
      arrangement: 'COMMUNITY_DOSE_BOOKED' as const,
      communityAppointment: { at: '2027-06-16T15:00:00Z', organisationId: 'leeds-cp' },
      lastPrisonDoseAt,
    });

    it('a last dose the day before does not reach the community dose: the releasing prison is alerted at two days and on the day', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('ost', ostPlan(episode, plan('2027-06-15T07:00:00Z')));
      const twoDays = person.milestone(
        milestoneNotice(episode, 'TWO_DAYS', '2027-06-16', '2027-06-14T08:00:00.000Z'),
      );
      const gap = twoDays.filter((n) => n.noticeType === NoticeType.OstLastDoseGap);
      expect(gap).toEqual([
        expect.objectContaining({
          dueAt: '2027-06-14T08:00:00.000Z',
          release: expect.objectContaining({ establishment: HOLDING }),
        }),
      ]);
      const onTheDay = person.milestone(
        milestoneNotice(episode, 'DAY_OF_RELEASE', '2027-06-16', '2027-06-16T08:00:00.000Z'),
      );
      expect(types(onTheDay)).toContain(NoticeType.OstLastDoseGap);
    });

    it('a dose on the release morning covers it: no alert; none recorded is an alert on the day only', () => {
      const covered = new Person();
      const episode = randomUUID();
      received(covered, episode);
      covered.personRecord('ost', ostPlan(episode, plan('2027-06-16T06:00:00Z')));
      for (const [milestone, dueAt] of [
        ['TWO_DAYS', '2027-06-14T08:00:00.000Z'],
        ['DAY_OF_RELEASE', '2027-06-16T08:00:00.000Z'],
      ] as const)
        expect(
          types(covered.milestone(milestoneNotice(episode, milestone, '2027-06-16', dueAt))),
        ).not.toContain(NoticeType.OstLastDoseGap);

      const unrecorded = new Person();
      const other = randomUUID();
      received(unrecorded, other);
      unrecorded.personRecord('ost', ostPlan(other, plan(null)));
      expect(
        types(
          unrecorded.milestone(
            milestoneNotice(other, 'TWO_DAYS', '2027-06-16', '2027-06-14T08:00:00.000Z'),
          ),
        ),
      ).not.toContain(NoticeType.OstLastDoseGap);
      expect(
        types(
          unrecorded.milestone(
            milestoneNotice(other, 'DAY_OF_RELEASE', '2027-06-16', '2027-06-16T08:00:00.000Z'),
          ),
        ),
      ).toContain(NoticeType.OstLastDoseGap);
    });
  });

  describe('naloxone still missing on the morning of release (NAL-04)', () => {
    it('a second, louder notice to the releasing prison on the day; none once an outcome is recorded', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.milestone(
        milestoneNotice(episode, 'TWO_DAYS', '2027-06-16', '2027-06-14T08:00:00.000Z'),
      );
      const onTheDay = person.milestone(
        milestoneNotice(episode, 'DAY_OF_RELEASE', '2027-06-16', '2027-06-16T08:00:00.000Z'),
      );
      expect(
        onTheDay.filter((n) => n.noticeType === NoticeType.NaloxoneMissingOnReleaseDay),
      ).toEqual([
        expect.objectContaining({
          dueAt: '2027-06-16T08:00:00.000Z',
          release: expect.objectContaining({ releaseDate: '2027-06-16', establishment: HOLDING }),
        }),
      ]);
      expect(types(onTheDay)).not.toContain(NoticeType.NaloxoneMissing);

      const recorded = new Person();
      const other = randomUUID();
      received(recorded, other);
      recorded.personRecord('naloxone', {
        ...common(other),
        outcome: { outcome: 'DECLINED', recordedAt: '2027-06-15T10:00:00Z' },
      });
      expect(
        types(
          recorded.milestone(
            milestoneNotice(other, 'DAY_OF_RELEASE', '2027-06-16', '2027-06-16T08:00:00.000Z'),
          ),
        ),
      ).not.toContain(NoticeType.NaloxoneMissingOnReleaseDay);
    });
  });

  describe('DIR versions after the community handoff (DIR-04)', () => {
    const twoDays = (episode: string, releaseDate = '2027-06-16') =>
      milestoneNotice(episode, 'TWO_DAYS', releaseDate, '2027-06-14T08:00:00.000Z', {
        clinical: { onOst: false, opiateHistory: false },
        supervision: { onLicence: false },
      });
    const afterMilestone = new Date('2027-06-15T10:00:00Z');

    it('before the two-day milestone a new DIR version stays in the prison', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.milestone(
        milestoneNotice(episode, 'SIX_WEEKS', '2027-06-16', '2027-05-05T08:00:00.000Z'),
      );
      expect(person.personRecord('dir', dirRecorded(episode, 1))).toEqual([]);
      expect(person.personRecord('dir', dirRecorded(episode, 2))).toEqual([]);
    });

    it('after it, each later version goes to the community once, with the release; an older or redelivered one does not', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('dir', dirRecorded(episode, 1));
      expect(types(person.milestone(twoDays(episode)))).toEqual([NoticeType.DirHandoff]);

      const updated = person.personRecord('dir', dirRecorded(episode, 2), afterMilestone);
      expect(types(updated)).toEqual([NoticeType.DirHandoff]);
      expect(updated[0]).toMatchObject({
        release: expect.objectContaining({ releaseDate: '2027-06-16' }),
        continuity: expect.objectContaining({ dir: expect.objectContaining({ version: 2 }) }),
      });
      expect(updated[0]!.cause).toBeUndefined(); // routed to the community, not a case file
      expect(person.personRecord('dir', dirRecorded(episode, 2), afterMilestone)).toEqual([]);
      expect(person.personRecord('dir', dirRecorded(episode, 1), afterMilestone)).toEqual([]);
      expect(types(person.personRecord('dir', dirRecorded(episode, 3), afterMilestone))).toEqual([
        NoticeType.DirHandoff,
      ]);
    });

    it('a DIR first recorded after the milestone still reaches the community', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      expect(types(person.milestone(twoDays(episode)))).toEqual([]);
      expect(types(person.personRecord('dir', dirRecorded(episode, 1), afterMilestone))).toEqual([
        NoticeType.DirHandoff,
      ]);
    });

    it('a release moved to another date waits for its own milestone; after the person leaves nothing goes', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('dir', dirRecorded(episode, 1));
      person.milestone(twoDays(episode));
      const { occurredAt: _o, ...later } = buildReleaseEvent({
        prisonNumber: PN,
        establishment: HOLDING,
        releaseDate: '2027-07-20',
      });
      person.intake(
        { type: IntakeEventType.ReleasePlanned, data: later },
        episode,
        'RELEASE_REPLANNED',
      );
      expect(person.personRecord('dir', dirRecorded(episode, 2), afterMilestone)).toEqual([]);

      expect(types(person.milestone(twoDays(episode, '2027-07-20')))).toEqual([
        NoticeType.DirHandoff,
      ]);
      person.intake(
        {
          type: IntakeEventType.ReleaseDischarged,
          data: buildDischarge({ prisonNumber: PN, establishment: HOLDING }),
        },
        episode,
        'DISCHARGED',
      );
      expect(person.personRecord('dir', dirRecorded(episode, 3), afterMilestone)).toEqual([]);
    });
  });

  describe('the six-week milestone (TIM-07)', () => {
    it.each([
      [true, [NoticeType.TreatmentSummary]],
      [false, []],
    ])('on licence %s: treatment summary %j', (onLicence, expected) => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      const notices = person.milestone(
        milestoneNotice(episode, 'SIX_WEEKS', '2027-06-16', '2027-05-05T08:00:00.000Z', {
          supervision: onLicence
            ? buildReleaseEvent().supervision
            : { onLicence: false, offenderManager: undefined },
        }),
      );
      expect(types(notices)).toEqual(expected);
      if (onLicence)
        expect(notices[0]).toMatchObject({
          milestone: 'SIX_WEEKS',
          shortNotice: false,
          fridayOrPreHoliday: true,
        });
    });

    it('ignores its own notices (they carry the record) and lifecycle notices', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      const own = milestoneNotice(episode, 'SIX_WEEKS', '2027-06-16', '2027-05-05T08:00:00.000Z');
      expect(person.milestone({ ...own, continuity: person.state.record })).toEqual([]);
      expect(person.milestone({ ...own, noticeType: NoticeType.TreatmentSummary })).toEqual([]);
      expect(person.milestone({ ...own, milestone: undefined })).toEqual([]);
    });
  });

  describe('court release and discharge (OST-06, OST-05)', () => {
    it('opens an urgent request at once for someone on OST at reception, hands off the DIR, alerts that the script is awaited', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('dir', dirRecorded(episode));
      const court = buildCourtRelease({
        prisonNumber: PN,
        holdingEstablishment: HOLDING,
        releasedAt: '2027-05-21T14:10:00Z',
      });
      const now = new Date('2027-05-21T14:10:01Z');
      const notices = person.intake(
        { type: IntakeEventType.CourtReleaseReleased, data: court },
        episode,
        'RELEASED_FROM_COURT',
        now,
      );
      // The request was opened in the same instant: the alert says so, not "without plan" (OST-05).
      expect(types(notices).sort()).toEqual(
        [
          NoticeType.BridgingScriptRequested,
          NoticeType.DirHandoff,
          NoticeType.OstReleasedAwaitingScript,
        ].sort(),
      );
      for (const notice of notices)
        expect(notice).toMatchObject({
          dueAt: now.toISOString(),
          fridayOrPreHoliday: true, // Friday 21 May 2027
          cause: expect.objectContaining({
            type: IntakeEventType.CourtReleaseReleased,
            establishment: HOLDING,
          }),
        });
      expect(person.state.record.bridgingRequest).toMatchObject({
        status: 'OPEN',
        releaseKind: 'COURT',
        urgent: true,
        establishment: HOLDING,
        releaseDate: '2027-05-21',
        coverFrom: '2027-05-21',
        coverUntil: '2027-05-24',
        openedAt: now.toISOString(),
        ostMedicine: 'METHADONE',
      });
    });

    it('keeps what the reception said on the record, so a court release with no planned release still knows it (DIS-10)', () => {
      const person = new Person();
      const episode = randomUUID();
      person.intake(
        {
          type: IntakeEventType.ReceptionReceived,
          data: buildReception({
            prisonNumber: PN,
            establishment: HOLDING,
            cjitCaseload: undefined,
            communityProvider: { organisationId: 'leeds-cp' },
          }),
        },
        episode,
        'RECEIVED',
      );
      expect(person.records.at(-1)?.atReception).toEqual({
        onOst: true,
        ostMedicine: 'METHADONE',
        opiateUse: true,
        communityProviderId: 'leeds-cp',
      });
      const notices = person.intake(
        {
          type: IntakeEventType.CourtReleaseReleased,
          data: buildCourtRelease({ prisonNumber: PN, releasedAt: '2027-05-19T14:10:00Z' }),
        },
        episode,
        'RELEASED_FROM_COURT',
      );
      for (const notice of notices)
        expect(notice.continuity?.atReception).toMatchObject({ onOst: true, opiateUse: true });
    });

    it('a court release with an OST plan on record opens the request without the alert', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('ost', ostPlan(episode));
      const notices = person.intake(
        {
          type: IntakeEventType.CourtReleaseReleased,
          data: buildCourtRelease({ prisonNumber: PN, releasedAt: '2027-05-19T14:10:00Z' }),
        },
        episode,
        'RELEASED_FROM_COURT',
      );
      expect(types(notices)).toEqual([NoticeType.BridgingScriptRequested]);
    });

    it('a discharge on OST with no plan alerts the releasing prison; with a plan, or off OST, nothing', () => {
      const cases = [
        { onOst: true, plan: false, expected: [NoticeType.OstReleasedWithoutPlan] },
        { onOst: true, plan: true, expected: [] },
        { onOst: false, plan: false, expected: [] },
      ];
      for (const { onOst, plan, expected } of cases) {
        const person = new Person();
        const episode = randomUUID();
        person.intake(
          {
            type: IntakeEventType.ReceptionReceived,
            data: buildReception({
              prisonNumber: PN,
              establishment: HOLDING,
              cjitCaseload: undefined,
              substanceMisuse: { opiateUse: onOst, onOst, alcohol: false },
            }),
          },
          episode,
          'RECEIVED',
        );
        if (plan) person.personRecord('ost', ostPlan(episode));
        const discharge = buildDischarge({ prisonNumber: PN, establishment: HOLDING });
        const notices = person.intake(
          { type: IntakeEventType.ReleaseDischarged, data: discharge },
          episode,
          'DISCHARGED',
        );
        expect(types(notices)).toEqual(expected);
        if (expected.length)
          expect(notices[0]!.cause).toMatchObject({
            establishment: HOLDING,
            eventId: discharge.eventId,
          });
      }
    });
  });

  describe('the alert at release names what happened (OST-05)', () => {
    function dischargedAfterTwoDays(issue: boolean): NoticeDueV1[] {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      // No OST plan: the two-day milestone opens a request as the safe default.
      person.milestone(
        milestoneNotice(episode, 'TWO_DAYS', '2027-05-21', '2027-05-19T08:00:00.000Z'),
      );
      const request = person.state.record.bridgingRequest!;
      expect(request.status).toBe('OPEN');
      if (issue)
        person.personRecord('issued', {
          ...common(episode),
          requestId: request.id,
          issued: {
            form: 'FP10MDA',
            prescriber: { name: 'Dr R. Khan' },
            issuedAt: '2027-05-19T11:00:00Z',
            coverUntil: '2027-05-24',
          },
        });
      return person.intake(
        {
          type: IntakeEventType.ReleaseDischarged,
          data: buildDischarge({ prisonNumber: PN, establishment: HOLDING }),
        },
        episode,
        'DISCHARGED',
        new Date('2027-05-21T10:00:00Z'),
      );
    }

    it('a discharge with the bridging request still open: released awaiting the script, not "without plan"', () => {
      const notices = dischargedAfterTwoDays(false);
      expect(types(notices)).toEqual([NoticeType.OstReleasedAwaitingScript]);
      expect(notices[0]!.continuity?.bridgingRequest?.status).toBe('OPEN');
    });

    it('a discharge with the script issued raises no alert: the person left with a supply', () => {
      expect(dischargedAfterTwoDays(true)).toEqual([]);
    });
  });

  describe('bridging script issued (docs/hub-interface.md §4)', () => {
    it('a script issued after a court release carries the court release, which names the area', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('ost', ostPlan(episode));
      const court = buildCourtRelease({ prisonNumber: PN, releasedAt: '2027-05-19T14:10:00Z' });
      person.intake(
        { type: IntakeEventType.CourtReleaseReleased, data: court },
        episode,
        'RELEASED_FROM_COURT',
      );
      const request = person.state.record.bridgingRequest!;
      const [told] = person.personRecord('issued', {
        ...common(episode),
        requestId: request.id,
        issued: {
          form: 'FP10MDA',
          prescriber: { name: 'Dr R. Khan' },
          issuedAt: '2027-05-19T15:00:00Z',
          coverUntil: '2027-05-20',
        },
      });
      expect(told).toMatchObject({
        noticeType: NoticeType.BridgingScriptIssued,
        cause: {
          type: IntakeEventType.CourtReleaseReleased,
          eventId: court.eventId,
          releaseArea: court.releaseArea,
        },
      });
    });

    it('marks the request ISSUED with the script and tells the community provider once', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      person.personRecord('ost', ostPlan(episode));
      person.milestone(
        milestoneNotice(episode, 'TWO_DAYS', '2027-05-21', '2027-05-19T08:00:00.000Z'),
      );
      const request = person.state.record.bridgingRequest!;
      const issued: BridgingScriptIssuedV1 = {
        ...common(episode),
        requestId: request.id,
        issued: {
          form: 'FP10MDA',
          prescriber: { name: 'Dr R. Khan' },
          issuedAt: '2027-05-19T11:00:00Z',
          coverUntil: '2027-05-24',
        },
      };
      const notices = person.personRecord('issued', issued);
      expect(notices).toEqual([
        expect.objectContaining({
          noticeType: NoticeType.BridgingScriptIssued,
          fridayOrPreHoliday: true,
          continuity: expect.objectContaining({
            bridgingRequest: expect.objectContaining({ status: 'ISSUED', issued: issued.issued }),
          }),
        }),
      ]);
      const revision = person.state.revision;
      expect(person.personRecord('issued', issued)).toEqual([]);
      expect(person.state.revision).toBe(revision);
    });
  });

  describe('a provisional release retracted (REL-09)', () => {
    it('the person is held again: the record no longer says they left', () => {
      const person = new Person();
      const episode = randomUUID();
      received(person, episode);
      const discharge = buildDischarge({
        prisonNumber: PN,
        establishment: HOLDING,
        dischargedAt: '2027-04-20T09:00:00Z',
        provisional: true,
      });
      person.intake(
        { type: IntakeEventType.ReleaseDischarged, data: discharge },
        episode,
        'DISCHARGED',
      );
      expect(person.state.leftCustody).toMatchObject({ eventId: discharge.eventId });

      const retraction = (retractedEventId: string): ReleaseRetractedV1 => ({
        eventId: randomUUID(),
        prisonNumber: PN,
        establishment: HOLDING,
        retractedEventId,
      });
      person.intake(
        { type: IntakeEventType.ReleaseRetracted, data: retraction(randomUUID()) },
        episode,
        'RELEASE_RETRACTED',
      );
      expect(person.state.leftCustody).not.toBeNull();
      person.intake(
        { type: IntakeEventType.ReleaseRetracted, data: retraction(discharge.eventId) },
        episode,
        'RELEASE_RETRACTED',
      );
      expect(person.state.leftCustody).toBeNull();
      expect(person.state.episodeId).toBe(episode);
    });
  });
});
