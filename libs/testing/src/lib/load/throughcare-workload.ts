import { DateTime } from 'luxon';

import { buildReception } from '../factories/intake-event.factory';
import { buildReleaseEvent } from '../factories/release-event.factory';
import type { HubApiClient } from '../hub-api-client';
import { registerRecipient } from '../hub-recipients';
import type { TestDatabase } from '../infra/test-database';

/**
 * The whole-stack workload of issue 13, shared by `npm run bench:e2e` and the chaos suite: per
 * person a reception, a consent PUT (every scope, plan signed) and a release dated tomorrow, so
 * the six-week and two-day notices are both due at once (short notice) to the area's CJIT,
 * community provider and offender manager.
 */
export interface WorkloadArea {
  localAuthorityCode: string;
  establishment: string;
  /** Organisation ids; the prison gets the continuity notices meant for the releasing prison. */
  cjit: string;
  provider: string;
  probation: string;
  prison: string;
}

export const WORKLOAD_AREA: WorkloadArea = {
  localAuthorityCode: 'E08000035',
  establishment: 'LEI',
  cjit: 'load-cjit',
  provider: 'load-provider',
  probation: 'load-probation',
  prison: 'load-prison-lei',
};

/** Where each recipient's webhook points on the sink. */
export const WORKLOAD_PATHS = {
  cjit: '/load/cjit',
  provider: '/load/provider',
  om: '/load/om',
  prison: '/load/prison',
} as const;

/** The notices each person of the workload must produce, to each of the three recipients. */
export const WORKLOAD_NOTICE_TYPES = [
  'throughcare.notice.release.six-weeks',
  'throughcare.notice.release.two-days',
] as const;
export const WORKLOAD_RECIPIENT_PATHS = [
  WORKLOAD_PATHS.cjit,
  WORKLOAD_PATHS.provider,
  WORKLOAD_PATHS.om,
] as const;

/** Registers the area's four organisations, each with a webhook for every notice. */
export async function registerWorkloadRecipients(
  api: HubApiClient,
  db: TestDatabase,
  sink: { url(path: string): string },
  area: WorkloadArea = WORKLOAD_AREA,
): Promise<void> {
  const everyNotice = ['throughcare.notice.*'];
  const community = { localAuthorityCodes: [area.localAuthorityCode] };
  await registerRecipient(api, db, {
    organisationId: area.cjit,
    type: 'CJIT',
    coverage: community,
    url: sink.url(WORKLOAD_PATHS.cjit),
    types: everyNotice,
  });
  await registerRecipient(api, db, {
    organisationId: area.provider,
    type: 'COMMUNITY_PROVIDER',
    coverage: community,
    url: sink.url(WORKLOAD_PATHS.provider),
    types: everyNotice,
  });
  await registerRecipient(api, db, {
    organisationId: area.probation,
    type: 'PROBATION',
    coverage: community,
    url: sink.url(WORKLOAD_PATHS.om),
    types: everyNotice,
  });
  await registerRecipient(api, db, {
    organisationId: area.prison,
    type: 'PRISON',
    coverage: { establishments: [area.establishment] },
    url: sink.url(WORKLOAD_PATHS.prison),
    types: everyNotice,
  });
}

/**
 * Prison numbers unique within a run (a letter, 4 digits, 2 letters): the run's letter, then a
 * counter, so thousands of people never collide as random numbers would.
 */
export function prisonNumberSequence(runLetter = 'W'): () => string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  let next = 0;
  return () => {
    const index = next++;
    const high = Math.floor(index / 10_000);
    const tail = `${letters[Math.floor(high / letters.length) % letters.length]}${letters[high % letters.length]}`;
    return `${runLetter}${String(index % 10_000).padStart(4, '0')}${tail}`;
  };
}

export function tomorrowInLondon(): string {
  return DateTime.now().setZone('Europe/London').plus({ days: 1 }).toISODate() as string;
}

export interface PersonRun {
  prisonNumber: string;
  /** Answer times of the three requests, in ms. */
  receptionMs: number;
  consentMs: number;
  releaseMs: number;
  /** Wall-clock instant (ms) the release was sent: intake-to-webhook is measured from here. */
  releaseSentAt: number;
  /** HTTP statuses, or `error:<message>` when the request did not get an answer. */
  statuses: string[];
  /** True when the release was accepted (202): only then are its notices owed. */
  releaseAccepted: boolean;
}

async function timed(
  send: () => Promise<{ status: number }>,
): Promise<{ ms: number; status: string; ok: boolean; startedAt: number }> {
  const startedAt = Date.now();
  const start = performance.now();
  try {
    const { status } = await send();
    return {
      ms: performance.now() - start,
      status: String(status),
      ok: status >= 200 && status < 300,
      startedAt,
    };
  } catch (error) {
    return {
      ms: performance.now() - start,
      status: `error:${(error as Error).message}`,
      ok: false,
      startedAt,
    };
  }
}

/** Plays one person: reception, consent (all scopes, plan signed), release dated tomorrow. */
export async function playPerson(
  api: HubApiClient,
  prisonNumber: string,
  area: WorkloadArea = WORKLOAD_AREA,
): Promise<PersonRun> {
  const now = DateTime.utc();
  const reception = await timed(() =>
    api.post(
      '/v1/events/reception',
      buildReception({
        prisonNumber,
        establishment: area.establishment,
        receivedAt: now.minus({ days: 90 }).toISO() as string,
        cjitCaseload: { organisationId: area.cjit },
      }),
    ),
  );
  const consent = await timed(() =>
    api.put(`/v1/people/${prisonNumber}/consent`, {
      communityTreatment: true,
      cjit: true,
      probation: true,
      ndtms: true,
      releasePlanSigned: true,
      recordedBy: 'load.generator',
      recordedAt: now.toISO(),
    }),
  );
  // A person whose reception or consent was refused is owed nothing: no release is sent.
  if (!reception.ok || !consent.ok)
    return {
      prisonNumber,
      receptionMs: reception.ms,
      consentMs: consent.ms,
      releaseMs: Number.NaN,
      releaseSentAt: Number.NaN,
      statuses: [reception.status, consent.status],
      releaseAccepted: false,
    };
  const release = await timed(() =>
    api.post(
      '/v1/events/release',
      buildReleaseEvent({
        prisonNumber,
        establishment: area.establishment,
        releaseDate: tomorrowInLondon(),
        releaseArea: { localAuthorityCode: area.localAuthorityCode },
        supervision: {
          onLicence: true,
          offenderManager: {
            name: 'Sam Patel',
            email: 'sam.patel@probation.example',
            organisationId: area.probation,
          },
        },
      }),
    ),
  );
  return {
    prisonNumber,
    receptionMs: reception.ms,
    consentMs: consent.ms,
    releaseMs: release.ms,
    releaseSentAt: release.startedAt,
    statuses: [reception.status, consent.status, release.status],
    releaseAccepted: release.status === '202',
  };
}
