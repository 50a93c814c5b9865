import { dirname, join } from 'node:path';

import nunjucks from 'nunjucks';

import { readableNotice, type NoticeBody } from './readable-notice';

const DISCLOSURE = { rule: 'DIS-02', consentVersion: 2 };
const LEEDS_PLAN = {
  localTreatmentProvider: [
    {
      organisationId: 'leeds-community-treatment',
      name: 'Forward Leeds',
      spoc: { name: 'Duty worker', email: 'duty@forward-leeds.example', phone: '0113 000 0000' },
    },
  ],
  prisonSpoc: {
    organisationId: 'hmp-leeds',
    organisation: 'HMP Leeds',
    name: 'Release team',
    email: 'release@leeds.example',
    phone: '0113 111 1111',
  },
};

function notice(
  type: string,
  data: NoticeBody['data'],
  subject: string | null = 'A1234BC',
): NoticeBody {
  return {
    id: 'msg_0123',
    type: `throughcare.notice.${type}`,
    ...(subject ? { subject } : {}),
    time: '2026-11-08T09:00:00Z',
    data: { ...data, disclosure: DISCLOSURE },
  };
}

/** A section's rows as { key: value }, to read in an assertion. */
function section(view: ReturnType<typeof readableNotice>, heading: string): Record<string, string> {
  const found = view.sections.find((s) => s.heading === heading);
  return Object.fromEntries((found?.rows ?? []).map((r) => [r.key, r.value]));
}

describe('a notice as its recipient reads it', () => {
  it('six-week notice: the release, the plan essentials (REL-01), the footnote naming the rule', () => {
    const view = readableNotice(
      notice('release.six-weeks', {
        releaseDate: '2026-12-20',
        establishment: 'LEI',
        releaseType: 'CONDITIONAL_RELEASE',
        onLicence: true,
        releaseArea: 'E08000035',
        milestone: 'SIX_WEEKS',
        ...LEEDS_PLAN,
        medicinesContinuation: {
          kind: 'COMMUNITY_APPOINTMENT',
          at: '2026-12-21T10:00:00Z',
          organisationId: 'leeds-community-treatment',
        },
      }),
    );
    expect(view.title).toBe('Release in 6 weeks');
    expect(view.lead).toBe(
      'A1234BC is due for release from LEI on Sunday 20 December 2026, in six weeks.',
    );
    expect(section(view, 'Release')).toEqual({
      'Prison number': 'A1234BC',
      'Release date': 'Sunday 20 December 2026',
      Prison: 'LEI',
      'Release type': 'Conditional release',
      'On licence': 'Yes',
      'Release area': 'E08000035',
    });
    expect(section(view, 'Release plan')).toEqual({
      'Local treatment provider':
        'Forward Leeds, contact Duty worker, duty@forward-leeds.example, 0113 000 0000',
      'Prison contact': 'HMP Leeds, release@leeds.example, 0113 111 1111',
      'How medicines continue':
        'Community dose booked: 21 December 2026 at 10:00 with leeds-community-treatment',
    });
    expect(view.footnote).toBe(
      'Sent 8 November 2026 at 09:00, under disclosure rule DIS-02, consent version 2, webhook-id msg_0123',
    );
  });

  it('two-day notice: short notice, a Friday release, the treatment the recipient may see', () => {
    const view = readableNotice(
      notice('release.two-days', {
        releaseDate: '2026-12-18',
        establishment: 'LEI',
        shortNotice: true,
        fridayOrPreHoliday: true,
        onOst: true,
        ostMedicine: 'METHADONE',
        doseMg: 60,
        opiateHistory: true,
        naloxone: { issued: true, trainingGiven: true },
        medicinesContinuation: {
          kind: 'BRIDGING_SCRIPT',
          status: 'ISSUED',
          form: 'FP10MDA',
          coverUntil: '2026-12-21',
        },
        late: true,
      }),
    );
    expect(view.lead).toBe(
      'A1234BC is due for release from LEI on Friday 18 December 2026, in two days.',
    );
    expect(section(view, 'Release')).toMatchObject({
      'Sent at short notice': 'Yes: planned with less notice than this milestone',
      'Friday or before a bank holiday': 'Yes: cover must reach the next working day',
    });
    expect(section(view, 'Treatment')).toEqual({
      'On OST': 'Yes',
      'Medicine and dose': 'Methadone, 60 mg',
      'History of opiate use': 'Yes',
      Naloxone: 'Issued, with training',
    });
    expect(section(view, 'Release plan')['How medicines continue']).toBe(
      'Bridging script issued, on FP10MDA, covering until Monday 21 December 2026',
    );
    expect(view.footnote).toContain('late, once consent allowed it');
  });

  it('day-of-release notice, with no plan for OST (OST-02)', () => {
    const view = readableNotice(
      notice('release.day-of-release', {
        releaseDate: '2026-12-03',
        establishment: 'LEI',
        medicinesContinuation: {
          kind: 'NONE',
          reason: 'Detoxed in custody',
          reassessmentPlannedFor: '2026-12-04T10:30:00Z',
        },
        naloxone: { issued: 'unknown' },
      }),
    );
    expect(view.title).toBe('Released today');
    expect(view.lead).toBe('A1234BC is due for release from LEI today, Thursday 3 December 2026.');
    expect(section(view, 'Release plan')['How medicines continue']).toBe(
      'No supply on release: Detoxed in custody; re-assessment planned for 4 December 2026 at 10:30',
    );
    expect(section(view, 'Treatment')).toEqual({ Naloxone: 'Not known yet' });
  });

  it('unplanned court release (REL-05): the court, when and why', () => {
    const view = readableNotice(
      notice('release.unplanned', {
        court: 'Leeds Crown Court',
        releasedAt: '2026-12-03T15:10:00Z',
        reason: 'BAIL',
        releaseArea: 'E08000035',
        bridgingScript: { status: 'OPEN', urgent: true, coverUntil: '2026-12-07' },
      }),
    );
    expect(view.title).toBe('Unplanned release (court)');
    expect(view.lead).toBe(
      'A1234BC was released from Leeds Crown Court at 3 December 2026 at 15:10 without returning to prison.',
    );
    expect(section(view, 'Release')).toMatchObject({ Court: 'Leeds Crown Court', Why: 'Bail' });
    expect(section(view, 'Treatment')).toEqual({
      'Bridging script': 'Open, urgent, covering until Monday 7 December 2026',
    });
  });

  it('unplanned-release alert (DIS-10): nothing that identifies the person', () => {
    const view = readableNotice(
      notice(
        'release.unplanned-alert',
        {
          releaseArea: 'E08000035',
          holdingEstablishment: 'LEI',
          urgentContinuityNeed: true,
          ...LEEDS_PLAN,
        },
        null,
      ),
    );
    expect(view.lead).toMatch(/^Someone was released from court into your area/);
    expect(section(view, 'Release')).not.toHaveProperty('Prison number');
    expect(section(view, 'Alert')).toEqual({
      'Holding prison': 'LEI',
      'Urgent continuity need': 'Yes',
    });
  });

  it('treatment summary for the OM (TIM-07): engagement, interventions, risks and needs', () => {
    const view = readableNotice(
      notice('treatment-summary', {
        releaseDate: '2026-12-20',
        establishment: 'LEI',
        engagementStatus: 'ACCESSING',
        interventionsDelivered: ['OST_REDUCTION', 'PSYCHOSOCIAL'],
        riskIssues: ['Overdose risk on release'],
        futureNeeds: ['Housing', 'GP registration'],
      }),
    );
    expect(view.title).toBe('Treatment summary');
    expect(view.lead).toBe(
      'Treatment summary for A1234BC, due for release from LEI on Sunday 20 December 2026.',
    );
    expect(section(view, 'Treatment')).toEqual({
      Engagement: 'Accessing',
      'Interventions delivered': 'OST reduction; Psychosocial',
      'Risk issues': 'Overdose risk on release',
      'Assessed future needs': 'Housing; GP registration',
    });
  });

  it('bridging request (OST-03): the script wanted, with the cover', () => {
    const view = readableNotice(
      notice('bridging-script.requested', {
        releaseDate: '2026-12-18',
        onOst: true,
        ostMedicine: 'BUPRENORPHINE',
        doseMg: 8,
        lastPrisonDoseAt: '2026-12-18T07:30:00Z',
        bridgingScript: { status: 'OPEN', coverUntil: '2026-12-21' },
      }),
    );
    expect(view.title).toBe('Bridging script requested');
    expect(view.lead).toBe('A bridging script is needed for A1234BC.');
    expect(section(view, 'Treatment')).toEqual({
      'On OST': 'Yes',
      'Medicine and dose': 'Buprenorphine, 8 mg',
      'Last dose in prison': '18 December 2026 at 07:30',
      'Bridging script': 'Open, covering until Monday 21 December 2026',
    });
  });

  it('DIR handoff (DIR-04, DIS-17): the record, and the BBV status only because it carries it', () => {
    const view = readableNotice(
      notice('dir.handoff', {
        dir: {
          dirId: 'a2d1',
          version: 2,
          holder: 'LEI',
          substances: [{ substance: 'OPIATES', route: 'INJECTED', primary: true }],
          treatment: {
            status: 'ACCESSING',
            modalities: ['OST_MAINTENANCE'],
            previousTreatment: 'COMMUNITY',
          },
          keyworker: { name: 'Kim Keyworker' },
        },
        bbvStatus: { hepatitisC: 'POSITIVE', testedAt: '2026-11-20T14:00:00Z' },
      }),
    );
    expect(section(view, 'Drug Interventions Record')).toEqual({
      Version: '2, held by LEI',
      Substances: 'Opiates (injected), main',
      Treatment: 'Accessing',
      Interventions: 'OST maintenance',
      'Treatment before custody': 'Community',
      Keyworker: 'Kim Keyworker',
      'Blood-borne viruses': 'Hepatitis C: positive; tested 20 November 2026 at 14:00',
    });
  });

  it('a transfer, a rescheduled, a cancelled and a discharged release, and a withdrawal, each in a sentence', () => {
    expect(
      section(
        readableNotice(
          notice('dir.handoff', {
            fromEstablishment: 'LEI',
            toEstablishment: 'MDI',
            transferredAt: '2026-07-01T08:15:00Z',
          }),
        ),
        'Transfer',
      ),
    ).toEqual({ From: 'LEI', To: 'MDI', 'Transferred at': '1 July 2026 at 09:15' });
    expect(
      readableNotice(
        notice('release.rescheduled', {
          releaseDate: '2026-12-22',
          previousReleaseDate: '2026-12-20',
          establishment: 'LEI',
        }),
      ).lead,
    ).toBe(
      'The release of A1234BC from LEI has moved from Sunday 20 December 2026 to Tuesday 22 December 2026.',
    );
    expect(readableNotice(notice('release.cancelled', { establishment: 'LEI' })).lead).toBe(
      'The planned release of A1234BC from LEI will not happen.',
    );
    expect(
      readableNotice(
        notice('release.discharged', {
          establishment: 'LEI',
          dischargedAt: '2026-12-03T08:30:00Z',
        }),
      ).lead,
    ).toBe('A1234BC left from LEI at 3 December 2026 at 08:30.');
    expect(
      readableNotice(notice('consent.withdrawn', { withdrawnAt: '2026-12-01T11:00:00Z' })).title,
    ).toBe('Consent withdrawn');
  });

  it('renders as GOV.UK headings and summary lists, never as JSON', () => {
    const views = join(__dirname, '..', 'views');
    const govuk = dirname(dirname(require.resolve('govuk-frontend')));
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([views, govuk]), {
      autoescape: true,
    });
    const view = readableNotice(
      notice('release.unplanned', {
        court: 'Leeds <Crown> Court',
        releasedAt: '2026-12-03T15:10:00Z',
        reason: 'BAIL',
      }),
    );
    const html = env.renderString(
      '{% from "deliveries/notice.njk" import readableNotice %}{{ readableNotice(view, "notice-1") }}',
      { view },
    );
    expect(html).toContain(
      '<h3 class="govuk-heading-s govuk-!-margin-bottom-2" id="notice-1-title">Unplanned release (court)</h3>',
    );
    expect(html).toContain('<dt class="govuk-summary-list__key govuk-body-s">Court</dt>');
    expect(html).toContain('Leeds &lt;Crown&gt; Court'); // escaped, as everything the hub was sent
    expect(html).not.toContain('{');
  });
});
