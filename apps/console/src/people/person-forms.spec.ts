import type { StaffIdentity } from '../accounts/staff-account';
import {
  courtReleaseBody,
  dirBody,
  dischargeBody,
  errorSummary,
  latestCustodyEpisode,
  naloxoneBody,
  releaseBody,
  releaseCancelledBody,
  transferBody,
} from './person-forms';

const RITA: StaffIdentity = {
  accountId: 'id',
  username: 'rita.r',
  displayName: 'Rita Ross',
  role: 'release-team',
  establishments: ['LEI'],
  organisationId: null,
};
const NOW = new Date('2026-12-03T10:00:00Z');

describe('the naloxone form', () => {
  it('records the signed-in person, whatever the form says (CSL-5)', () => {
    expect(naloxoneBody({ outcome: 'DECLINED', recordedBy: 'someone else' }, RITA, NOW)).toEqual({
      outcome: 'DECLINED',
      recordedAt: '2026-12-03T10:00:00.000Z',
      recordedBy: 'Rita Ross (rita.r, console)',
    });
  });

  it('sends an unticked training box as false, so the API names the field', () => {
    expect(naloxoneBody({ outcome: 'ISSUED' }, RITA, NOW)).toMatchObject({ trainingGiven: false });
    expect(naloxoneBody({ outcome: 'ISSUED', trainingGiven: 'yes' }, RITA, NOW)).toMatchObject({
      trainingGiven: true,
    });
    expect(naloxoneBody({}, RITA, NOW)).not.toHaveProperty('outcome');
  });

  it("links each of the API's field errors to its field", () => {
    expect(
      errorSummary({
        form: 'naloxone',
        title: 'Invalid',
        fields: [{ field: 'outcome', detail: 'outcome must be one of ...' }],
      }),
    ).toEqual([{ text: 'outcome must be one of ...', href: '#naloxone-outcome' }]);
    expect(errorSummary({ form: 'naloxone', title: 'Not now', fields: [] })).toEqual([
      { text: 'Not now', href: '#naloxone' },
    ]);
  });
});

describe('the court release form', () => {
  it('is recorded by the holding prison the person works at, at the UK time typed', () => {
    const body = courtReleaseBody(
      {
        court: 'Leeds Crown Court',
        releasedAt: '2026-07-01 15:10',
        reason: 'BAIL',
        holdingEstablishment: 'XXX',
      },
      RITA,
      NOW,
      { prisonNumber: 'A1234BC', establishment: 'LEI' },
    );
    expect(body).toMatchObject({
      prisonNumber: 'A1234BC',
      holdingEstablishment: 'LEI',
      court: 'Leeds Crown Court',
      releasedAt: '2026-07-01T14:10:00.000Z', // British Summer Time
      reason: 'BAIL',
    });
    expect(body).not.toHaveProperty('releaseArea');
  });
});

const AT_LEEDS = {
  prisonNumber: 'A1234BC',
  establishment: 'LEI',
  custodyEpisode: { receivedAt: '2026-10-01T09:00:00.000Z', establishment: 'LEI' },
};

describe('the DIR form (DIR-01 to DIR-04)', () => {
  it('builds the DIR for the latest custody episode, recorded by the signed-in person (CSL-5)', () => {
    const body = dirBody(
      {
        primarySubstance: 'OPIATES',
        primaryRoute: 'INJECTED',
        otherSubstances: ['CRACK_COCAINE', 'OPIATES'],
        treatmentStatus: 'ACCESSING',
        modalities: 'OST_MAINTENANCE',
        previousTreatment: 'COMMUNITY',
        hiv: 'NEGATIVE',
        hepatitisC: 'POSITIVE',
        bbvTestedAt: '2026-11-20 14:00',
        riskIssues: 'Overdose risk on release\r\n\r\nLives alone',
        keyworkerName: 'Kim Keyworker',
        sectionsCompleted: ['healthcare'],
        recordedBy: 'someone else',
      },
      RITA,
      NOW,
      AT_LEEDS,
    );
    expect(body).toEqual({
      custodyEpisode: AT_LEEDS.custodyEpisode,
      establishment: 'LEI',
      substances: [
        { substance: 'OPIATES', primary: true, route: 'INJECTED' },
        { substance: 'CRACK_COCAINE', primary: false },
      ],
      treatment: {
        status: 'ACCESSING',
        modalities: ['OST_MAINTENANCE'],
        previousTreatment: 'COMMUNITY',
      },
      bbvStatus: { hiv: 'NEGATIVE', hepatitisC: 'POSITIVE', testedAt: '2026-11-20T14:00:00.000Z' },
      healthcareSectionCompletedAt: '2026-12-03T10:00:00.000Z',
      keyworker: { name: 'Kim Keyworker' },
      riskIssues: ['Overdose risk on release', 'Lives alone'],
      futureNeeds: [],
      treatmentPlanned: [],
      recordedAt: '2026-12-03T10:00:00.000Z',
      recordedBy: 'Rita Ross (rita.r, console)',
    });
  });

  it('leaves out what was not answered, so the API names it beside the field', () => {
    const body = dirBody({}, RITA, NOW, { prisonNumber: 'A1234BC', establishment: 'LEI' });
    expect(body).not.toHaveProperty('custodyEpisode');
    expect(body).not.toHaveProperty('bbvStatus');
    expect(body['treatment']).toEqual({ modalities: [] });
    expect(body['substances']).toEqual([]);
  });

  it("finds the episode from the person's latest reception on the timeline", () => {
    const reception = (at: string, establishment: string) => ({
      at,
      kind: 'event',
      type: 'throughcare.reception.received',
      summary: `RECEIVED at ${establishment} (via console-admin)`,
    });
    expect(
      latestCustodyEpisode([
        reception('2026-11-01T09:00:00.000Z', 'MDI'),
        {
          at: '2026-12-01T09:00:00.000Z',
          kind: 'event',
          type: 'throughcare.release.planned',
          summary: 'recorded at MDI',
        },
        reception('2025-01-01T09:00:00.000Z', 'LEI'),
      ]),
    ).toEqual({ receivedAt: '2026-11-01T09:00:00.000Z', establishment: 'MDI' });
    expect(latestCustodyEpisode([])).toBeUndefined();
  });
});

describe('the custody event forms', () => {
  it('records a transfer from the establishment the signed-in person works at', () => {
    expect(
      transferBody(
        { toEstablishment: 'mdi', transferredAt: '2026-07-01 09:15' },
        RITA,
        NOW,
        AT_LEEDS,
      ),
    ).toEqual({
      eventId: expect.any(String),
      prisonNumber: 'A1234BC',
      fromEstablishment: 'LEI',
      toEstablishment: 'MDI',
      transferredAt: '2026-07-01T08:15:00.000Z', // BST
    });
  });

  it('records a planned release with the clinical answers as booleans, the medicine only when on OST', () => {
    expect(
      releaseBody(
        {
          releaseDate: '2026-12-20',
          releaseType: 'CONDITIONAL_RELEASE',
          onLicence: 'yes',
          localAuthorityCode: 'e08000035',
          opiateHistory: 'yes',
          onOst: 'no',
          ostMedicine: 'METHADONE',
          doseMg: '60',
        },
        RITA,
        NOW,
        AT_LEEDS,
      ),
    ).toEqual({
      eventId: expect.any(String),
      prisonNumber: 'A1234BC',
      establishment: 'LEI',
      releaseDate: '2026-12-20',
      releaseType: 'CONDITIONAL_RELEASE',
      supervision: { onLicence: true },
      releaseArea: { localAuthorityCode: 'E08000035' },
      clinical: { onOst: false, opiateHistory: true },
    });
    expect(
      releaseBody({ onOst: 'yes', ostMedicine: 'METHADONE', doseMg: '60' }, RITA, NOW, AT_LEEDS),
    ).toMatchObject({
      supervision: {},
      clinical: { onOst: true, ostMedicine: 'METHADONE', doseMg: 60 },
    });
  });

  it('records a cancellation and a discharge for the establishment', () => {
    expect(releaseCancelledBody({ reason: 'RECALL' }, RITA, NOW, AT_LEEDS)).toMatchObject({
      establishment: 'LEI',
      reason: 'RECALL',
    });
    expect(releaseCancelledBody({}, RITA, NOW, AT_LEEDS)).not.toHaveProperty('reason');
    expect(dischargeBody({ dischargedAt: '2026-12-03 08:30' }, RITA, NOW, AT_LEEDS)).toMatchObject({
      establishment: 'LEI',
      dischargedAt: '2026-12-03T08:30:00.000Z',
    });
  });

  it("links a nested field's error to its field id", () => {
    expect(
      errorSummary({
        form: 'dir',
        title: 'Invalid',
        fields: [{ field: 'substances.0.substance', detail: 'substance must be one of ...' }],
      }),
    ).toEqual([{ text: 'substance must be one of ...', href: '#dir-substances-0-substance' }]);
  });
});
