import type { EntityManager } from 'typeorm';

import type { NoticeDueV1 } from '@throughcare/contracts';

import { lockConsentForSend } from './consent-on-record';
import { ConsentStateEntity } from './consent-state.entity';
import { NoticeAwaitingConsentEntity } from './notice-awaiting-consent.entity';

/** The consent version the notifier's copy holds for a person (0: none yet). */
export async function consentVersionOnRecord(
  manager: EntityManager,
  prisonNumber: string,
): Promise<number> {
  const state = await manager.findOne(ConsentStateEntity, {
    where: { prisonNumber },
    select: { prisonNumber: true, version: true },
  });
  return state?.version ?? 0;
}

/**
 * Read-your-writes across services (issue 13): a notice stamped with the consent version the API
 * had acknowledged when it accepted the notice's cause waits, without deliveries, until the
 * notifier's copy of consent reaches that version. True when the notice was kept back.
 *
 * Under the person's consent lock (shared here, exclusive for a consent change), so a consent
 * version either committed first (seen here) or finds this notice waiting and releases it: no
 * lost wake-up. The caller's transaction has already stored the notice.
 */
export async function parkUntilConsentArrives(
  manager: EntityManager,
  notice: NoticeDueV1,
): Promise<boolean> {
  const required = notice.consentVersion ?? 0;
  if (required === 0) return false;
  await lockConsentForSend(manager, notice.prisonNumber);
  if ((await consentVersionOnRecord(manager, notice.prisonNumber)) >= required) return false;
  await manager.insert(NoticeAwaitingConsentEntity, {
    noticeId: notice.noticeId,
    prisonNumber: notice.prisonNumber,
    consentVersion: required,
    parkedAt: new Date(),
  });
  return true;
}
