import type { NoticeDueV1 } from '@throughcare/contracts';

import type { RecipientRole } from '../recipients/route-recipients';

export type Disclosure =
  | { decision: 'SEND'; rule: string; fields: Record<string, unknown> }
  | { decision: 'WITHHOLD'; rule: string };

/**
 * What a release milestone notice may tell a recipient, decided at send time. Consent capture
 * arrives with the disclosure issue; until a consent record exists:
 * - community recipients get nothing: the release plan must be signed first
 *   (004_4d2725de1c348b75.txt:596, contract.md §4);
 * - the OM gets release logistics only, never medication or clinical detail (contract.md §4,
 *   the restricted set without consent).
 */
export function discloseReleaseNotice(role: RecipientRole, notice: NoticeDueV1): Disclosure {
  if (role !== 'OFFENDER_MANAGER') {
    return { decision: 'WITHHOLD', rule: 'community-needs-signed-release-plan' };
  }
  return {
    decision: 'SEND',
    rule: 'om-restricted-set-without-consent',
    fields: {
      releaseDate: notice.release.releaseDate,
      establishment: notice.release.establishment,
      releaseType: notice.release.releaseType,
      onLicence: notice.release.supervision.onLicence,
      shortNotice: notice.shortNotice,
      fridayOrPreHoliday: notice.fridayOrPreHoliday,
    },
  };
}
