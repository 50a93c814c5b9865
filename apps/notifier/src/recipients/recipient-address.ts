import type { NoticeDueV1 } from '@throughcare/contracts';
import type { RecipientRole } from '@throughcare/disclosure';

import type { RecipientOrganisationEntity } from './recipient-organisation.entity';

/**
 * Where a notice sent by secure e-mail goes: to the offender manager the release names, when the
 * delivery is for that OM's probation organisation (REL-08: the person, not only the
 * organisation's SPOC); otherwise to the organisation's SPOC.
 */
export function emailAddressOf(
  delivery: { recipientRole: RecipientRole; organisationId: string },
  notice: Pick<NoticeDueV1, 'release'>,
  organisation: Pick<RecipientOrganisationEntity, 'spoc'>,
): string {
  const om = notice.release?.supervision.offenderManager;
  const namedOm =
    delivery.recipientRole === 'OFFENDER_MANAGER' && om?.organisationId === delivery.organisationId;
  return namedOm && om ? om.email : organisation.spoc.email;
}
