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
});
