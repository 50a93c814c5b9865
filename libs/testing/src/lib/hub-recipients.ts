import { expectEventually } from './expect-eventually';
import type { HubApiClient } from './hub-api-client';
import type { TestDatabase } from './infra/test-database';

export interface WebhookRecipient {
  organisationId: string;
  type: 'COMMUNITY_PROVIDER' | 'CJIT' | 'PROBATION' | 'PRISON';
  /** `localAuthorityCodes` for community organisations, `establishments` for prisons. */
  coverage: { localAuthorityCodes: string[] } | { establishments: string[] };
  url: string;
  /** Notice types or `prefix.*` patterns the webhook wants. */
  types: string[];
}

/**
 * Registers an organisation (its SPOC at `spoc@<id>.example`) with one webhook, and waits until
 * the notifier knows the subscription, so that the next notice is routed to it.
 */
export async function registerRecipient(
  api: HubApiClient,
  db: TestDatabase,
  recipient: WebhookRecipient,
): Promise<string> {
  const { organisationId } = recipient;
  await api.registerOrganisation({
    organisationId,
    type: recipient.type,
    name: organisationId,
    ...recipient.coverage,
    spoc: { name: 'Duty worker', email: `spoc@${organisationId}.example`, phone: '0113 000 0000' },
  });
  const { id } = await api.subscribe(organisationId, recipient.url, recipient.types);
  await expectEventually(async () => {
    const known = await db.count(
      'SELECT count(*) FROM notifier.webhook_subscription WHERE id = $1',
      [id],
    );
    if (known !== 1) throw new Error(`subscription ${id} is not at the notifier yet`);
  });
  return id;
}

/**
 * Records a consent version through the API (every scope false unless granted) and waits until
 * the notifier has applied it; returns the version.
 */
export async function recordConsentAndWait(
  api: HubApiClient,
  db: TestDatabase,
  prisonNumber: string,
  granted: Record<string, boolean>,
  recordedAt: Date,
): Promise<number> {
  const response = await api.put(`/v1/people/${prisonNumber}/consent`, {
    communityTreatment: false,
    cjit: false,
    probation: false,
    ndtms: false,
    releasePlanSigned: false,
    ...granted,
    recordedBy: 'j.smith',
    recordedAt: recordedAt.toISOString(),
  });
  if (response.status !== 200)
    throw new Error(`consent answered ${response.status}: ${JSON.stringify(response.body)}`);
  const { version } = response.body as { version: number };
  await expectEventually(async () => {
    const applied = await db.count(
      'SELECT count(*) FROM notifier.consent_state WHERE prison_number = $1 AND version = $2',
      [prisonNumber, version],
    );
    if (applied !== 1) throw new Error(`consent v${version} is not at the notifier yet`);
  });
  return version;
}
