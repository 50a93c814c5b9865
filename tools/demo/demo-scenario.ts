import { randomUUID } from 'node:crypto';

import type { HubApiClient } from '@throughcare/testing';

/** The simulated start: just after midnight on Monday 2 November 2026 (London is on GMT). */
export const SCENARIO_START = '2026-11-02T00:05:00Z';
/** When every milestone of the scenario has fired (the day of the last release, after 09:00). */
export const SCENARIO_END = '2026-12-18T12:00:00Z';

export const RECIPIENTS = [
  { organisationId: 'leeds-cjit', type: 'CJIT', name: 'Leeds CJIT', path: '/leeds-cjit' },
  {
    organisationId: 'leeds-cp',
    type: 'COMMUNITY_PROVIDER',
    name: 'Leeds community treatment',
    path: '/leeds-cp',
  },
  {
    organisationId: 'yorkshire-probation',
    type: 'PROBATION',
    name: 'Yorkshire probation',
    path: '/yorkshire-probation',
  },
] as const;

export async function registerDirectory(
  api: HubApiClient,
  sinkUrl: (path: string) => string,
): Promise<void> {
  for (const recipient of RECIPIENTS) {
    await api.registerOrganisation({
      organisationId: recipient.organisationId,
      type: recipient.type,
      name: recipient.name,
      localAuthorityCodes: ['E08000035'],
      spoc: { name: 'Duty worker', email: `spoc@${recipient.organisationId}.example` },
    });
    await api.subscribe(recipient.organisationId, sinkUrl(recipient.path), [
      'throughcare.notice.release.*',
    ]);
  }
  await api.registerOrganisation({
    organisationId: 'hmp-leeds',
    type: 'PRISON',
    name: 'HMP Leeds',
    establishments: ['LEI'],
    spoc: { name: 'Healthcare SPOC', email: 'spoc@hmp-leeds.example' },
  });
}

function release(
  prisonNumber: string,
  releaseDate: string,
  onLicence: boolean,
  area = 'E08000035',
) {
  return {
    eventId: randomUUID(),
    prisonNumber,
    establishment: 'LEI',
    releaseDate,
    releaseType: onLicence ? 'CONDITIONAL_RELEASE' : 'SENTENCE_EXPIRY',
    supervision: onLicence
      ? {
          onLicence,
          offenderManager: {
            name: 'Sam Patel',
            email: 'sam.patel@probation.example',
            organisationId: 'yorkshire-probation',
          },
        }
      : { onLicence },
    releaseArea: { localAuthorityCode: area },
    clinical: { onOst: true, ostMedicine: 'METHADONE', doseMg: 60, opiateHistory: true },
  };
}

/** The releases the release team at HMP Leeds records on the first morning. */
export const SCENARIO_RELEASES = [
  {
    story: 'Friday release on licence, planned in good time',
    event: release('A1234BC', '2026-12-18', true),
  },
  {
    story: 'release in eight days: planned at short notice',
    event: release('B2345CD', '2026-11-10', true),
  },
  {
    story: 'release to Bradford, where no service has registered yet',
    event: release('C3456DE', '2026-11-27', false, 'E08000032'),
  },
];
