import { randomUUID } from 'node:crypto';

import {
  IntakeEventType,
  NoticeType,
  type ContinuityRecordV1,
  type NoticeDueV1,
} from '@throughcare/contracts';
import { decideDisclosure } from '@throughcare/disclosure';
import { buildNoticeDue } from '@throughcare/testing';

import type { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { buildDisclosureRecord } from './disclosure-record';

const LEEDS_PRISON: RecipientOrganisationEntity = {
  organisationId: 'hmp-leeds',
  type: 'PRISON',
  name: 'HMP Leeds',
  localAuthorityCodes: [],
  establishments: ['LEI'],
  spoc: { name: 'Healthcare SPOC', email: 'spoc@leeds.example' },
};

const DIR = {
  custodyEpisode: { receivedAt: '2026-11-02T14:05:00Z', establishment: 'LEI' },
  establishment: 'LEI',
  substances: [{ substance: 'OPIATES' as const, route: 'INJECTED' as const, primary: true }],
  treatment: {
    status: 'ACCESSING' as const,
    modalities: ['OST_MAINTENANCE' as const],
    previousTreatment: 'NONE' as const,
  },
  riskIssues: ['overdose risk'],
  futureNeeds: ['housing'],
  treatmentPlanned: ['methadone maintenance'],
  recordedBy: 'j.smith',
  recordedAt: '2026-11-02T18:05:00Z',
};

function record(episodeId: string): ContinuityRecordV1 {
  return {
    prisonNumber: 'A1234BC',
    revision: 4,
    episodeId,
    dir: {
      dirId: '7d0c1a56-0c57-4a4e-9a57-0f6f2b7a9d11',
      version: 2,
      episode: DIR.custodyEpisode,
      holder: 'LEI',
      dir: DIR,
    },
    ostPlan: {
      arrangement: 'COMMUNITY_DOSE_BOOKED',
      communityAppointment: { at: '2026-12-18T13:00:00Z', organisationId: 'leeds-cp' },
      lastPrisonDoseAt: '2026-12-18T08:00:00Z',
    },
    naloxone: { outcome: 'ISSUED', trainingGiven: true, recordedAt: '2026-12-15T11:00:00Z' },
    updatedAt: '2026-12-15T11:00:00Z',
  };
}

describe(buildDisclosureRecord.name, () => {
  const notice = buildNoticeDue({ prisonNumber: 'A1234BC', episodeId: 'episode-1' });

  it("adds the DIR, the engagement fields, how medicines continue and naloxone from the person's continuity record", () => {
    expect(buildDisclosureRecord(notice, [], record('episode-1'))).toMatchObject({
      dir: expect.objectContaining({ version: 2, holder: 'LEI', substances: DIR.substances }),
      engagementStatus: 'ACCESSING',
      interventionsDelivered: ['OST_MAINTENANCE'],
      riskIssues: ['overdose risk'],
      futureNeeds: ['housing'],
      treatmentPlanned: ['methadone maintenance'],
      lastPrisonDoseAt: '2026-12-18T08:00:00Z',
      naloxone: { issued: true, trainingGiven: true },
      medicinesContinuation: {
        kind: 'COMMUNITY_APPOINTMENT',
        at: '2026-12-18T13:00:00Z',
        organisationId: 'leeds-cp',
      },
    });
  });

  it("ignores another custody episode's record: a new episode never shows the last one's DIR", () => {
    const built = buildDisclosureRecord(notice, [], record('episode-0'));
    expect(built).not.toHaveProperty('dir');
    expect(built).not.toHaveProperty('engagementStatus');
    expect(built['naloxone']).toEqual({ issued: 'unknown' });
    expect(built['medicinesContinuation']).toEqual({ kind: 'NOT_YET_ARRANGED' });
  });

  it('says naloxone is unknown and medicines are not yet arranged when nothing is on record', () => {
    const built = buildDisclosureRecord(notice, [], null);
    expect(built['naloxone']).toEqual({ issued: 'unknown' });
    expect(built['medicinesContinuation']).toEqual({ kind: 'NOT_YET_ARRANGED' });
  });

  it('uses the record when the notice names no custody episode', () => {
    const built = buildDisclosureRecord(
      buildNoticeDue({ prisonNumber: 'A1234BC', episodeId: undefined }),
      [],
      record('episode-1'),
    );
    expect(built['engagementStatus']).toBe('ACCESSING');
  });

  it('renders an open bridging request with its cover as the way medicines continue', () => {
    const withRequest: ContinuityRecordV1 = {
      ...record('episode-1'),
      ostPlan: { arrangement: 'BRIDGING_SCRIPT', lastPrisonDoseAt: null },
      bridgingRequest: {
        id: '3f0c1a56-0c57-4a4e-9a57-0f6f2b7a9d12',
        prisonNumber: 'A1234BC',
        establishment: 'LEI',
        status: 'OPEN',
        releaseKind: 'PLANNED',
        releaseDate: '2026-12-18',
        urgent: false,
        fridayOrPreHoliday: true,
        openedAt: '2026-12-16T09:00:00Z',
        coverFrom: '2026-12-18',
        coverUntil: '2026-12-21',
        ostMedicine: 'METHADONE',
        doseMg: 60,
      },
    };
    const built = buildDisclosureRecord(notice, [], withRequest);
    expect(built['bridgingScript']).toMatchObject({ status: 'OPEN', coverUntil: '2026-12-21' });
    expect(built['medicinesContinuation']).toMatchObject({ kind: 'BRIDGING_SCRIPT' });
  });

  describe('a CJIT record request at reception', () => {
    const request: NoticeDueV1 = {
      noticeId: randomUUID(),
      noticeType: NoticeType.CjitRecordRequested,
      prisonNumber: 'A1234BC',
      episodeId: 'episode-1',
      dueAt: '2026-11-02T14:05:00Z',
      issuedAt: '2026-11-02T14:05:01Z',
      shortNotice: false,
      fridayOrPreHoliday: false,
      organisationId: 'leeds-cjit',
      cause: {
        type: IntakeEventType.ReceptionReceived,
        eventId: randomUUID(),
        occurredAt: '2026-11-02T14:05:00Z',
        establishment: 'LEI',
      },
      continuity: record('episode-1'),
    };

    it('says where and when the person was received and whom at the prison to send the record to', () => {
      expect(buildDisclosureRecord(request, [LEEDS_PRISON], record('episode-1'))).toMatchObject({
        establishment: 'LEI',
        receivedAt: '2026-11-02T14:05:00Z',
        prisonSpoc: expect.objectContaining({ organisationId: 'hmp-leeds' }),
      });
    });

    it('sends the consented CJIT nothing clinical even with a DIR on record, and an unconsented one nothing', () => {
      const built = buildDisclosureRecord(request, [LEEDS_PRISON], record('episode-1'));
      const question = {
        kind: 'CJIT_RECORD_REQUEST' as const,
        role: 'CJIT' as const,
        overrides: [],
        at: new Date('2026-11-02T14:06:00Z'),
      };
      const consented = decideDisclosure(
        {
          ...question,
          consent: {
            version: 1,
            communityTreatment: false,
            cjit: true,
            probation: false,
            ndtms: false,
            releasePlanSigned: false,
          },
        },
        built,
      );
      expect(consented.fieldNames.sort()).toEqual(
        ['establishment', 'prisonNumber', 'prisonSpoc', 'receivedAt'].sort(),
      );
      expect(JSON.stringify(consented.fields)).not.toMatch(/OPIATES|ACCESSING|overdose/);
      expect(decideDisclosure({ ...question, consent: null }, built).outcome).toBe('WITHHOLD');
    });
  });
  describe("an unplanned release's urgent continuity need (DIS-10)", () => {
    // A court release before any release was planned: the notice carries no clinical block.
    const courtRelease: NoticeDueV1 = {
      noticeId: randomUUID(),
      noticeType: NoticeType.Unplanned,
      prisonNumber: 'A1234BC',
      episodeId: 'episode-1',
      dueAt: '2026-12-03T14:10:00Z',
      issuedAt: '2026-12-03T14:10:01Z',
      shortNotice: false,
      fridayOrPreHoliday: false,
      cause: {
        type: IntakeEventType.CourtReleaseReleased,
        eventId: randomUUID(),
        occurredAt: '2026-12-03T14:10:00Z',
        establishment: 'LEI',
        court: 'Leeds Crown Court',
        reason: 'TIME_SERVED',
      },
    };
    const bare = (episodeId: string): ContinuityRecordV1 => ({
      prisonNumber: 'A1234BC',
      revision: 1,
      episodeId,
      updatedAt: '2026-11-02T14:05:01Z',
    });

    it('is true when the reception said the person is on OST', () => {
      const known = {
        ...bare('episode-1'),
        atReception: { onOst: true, ostMedicine: 'METHADONE' as const, opiateUse: true },
      };
      expect(buildDisclosureRecord(courtRelease, [], known)['urgentContinuityNeed']).toBe(true);
    });

    it('is true when only the OST plan or the urgent bridging request opened that minute says so', () => {
      const withPlan = { ...bare('episode-1'), ostPlan: record('episode-1').ostPlan! };
      expect(buildDisclosureRecord(courtRelease, [], withPlan)['urgentContinuityNeed']).toBe(true);
      const withRequest: ContinuityRecordV1 = {
        ...bare('episode-1'),
        bridgingRequest: {
          id: '3f0c1a56-0c57-4a4e-9a57-0f6f2b7a9d13',
          prisonNumber: 'A1234BC',
          establishment: 'LEI',
          status: 'OPEN',
          releaseKind: 'COURT',
          releaseDate: '2026-12-03',
          urgent: true,
          fridayOrPreHoliday: false,
          openedAt: '2026-12-03T14:10:01Z',
          coverFrom: '2026-12-03',
          coverUntil: '2026-12-04',
        },
      };
      expect(buildDisclosureRecord(courtRelease, [], withRequest)['urgentContinuityNeed']).toBe(
        true,
      );
    });

    it("is false when the reception said neither; null when nothing is known or only another episode's record", () => {
      const neither = { ...bare('episode-1'), atReception: { onOst: false, opiateUse: false } };
      expect(buildDisclosureRecord(courtRelease, [], neither)['urgentContinuityNeed']).toBe(false);
      expect(buildDisclosureRecord(courtRelease, [], null)['urgentContinuityNeed']).toBeNull();
      const old = { ...bare('episode-0'), atReception: { onOst: true, opiateUse: true } };
      expect(buildDisclosureRecord(courtRelease, [], old)['urgentContinuityNeed']).toBeNull();
    });
  });
  describe('blood-borne virus status (DIS-17)', () => {
    const withBbv = (): ContinuityRecordV1 => {
      const base = record('episode-1');
      const bbvStatus = { hiv: 'NEGATIVE' as const, hepatitisC: 'POSITIVE' as const };
      return { ...base, dir: { ...base.dir!, dir: { ...base.dir!.dir, bbvStatus } } };
    };
    const handoff = { ...notice, noticeType: NoticeType.DirHandoff };

    it("is its own field, lifted out of the DIR: healthcare's part never rides inside `dir`", () => {
      const built = buildDisclosureRecord(handoff, [], withBbv());
      expect(built['bbvStatus']).toEqual({ hiv: 'NEGATIVE', hepatitisC: 'POSITIVE' });
      expect(built['dir']).not.toHaveProperty('bbvStatus');
    });

    it('reaches the consented community provider with the DIR, never the OM or a risk override', () => {
      const built = buildDisclosureRecord(handoff, [], withBbv());
      const at = new Date('2026-12-16T09:00:00Z');
      const signed = {
        version: 2,
        communityTreatment: true,
        cjit: true,
        probation: true,
        ndtms: false,
        releasePlanSigned: true,
      };
      const provider = decideDisclosure(
        { kind: 'DIR_HANDOFF', role: 'COMMUNITY_PROVIDER', consent: signed, overrides: [], at },
        built,
      );
      expect(provider.fields['bbvStatus']).toEqual({ hiv: 'NEGATIVE', hepatitisC: 'POSITIVE' });
      const summary = decideDisclosure(
        { kind: 'TREATMENT_SUMMARY', role: 'OFFENDER_MANAGER', consent: signed, overrides: [], at },
        buildDisclosureRecord(
          { ...notice, noticeType: NoticeType.TreatmentSummary },
          [],
          withBbv(),
        ),
      );
      expect(JSON.stringify(summary.fields)).not.toMatch(/POSITIVE|bbvStatus/);
    });
  });
});
