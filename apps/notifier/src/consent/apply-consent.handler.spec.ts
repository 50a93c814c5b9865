import { ManualClock } from '@throughcare/clock';
import { ConsentEventType, type ConsentRecordedV1 } from '@throughcare/contracts';
import { typedEvent } from '@throughcare/messaging';

import type { DeliveryQueue } from '../delivery/delivery-queue.service';
import type { NoticeDisclosure } from '../disclosure/notice-disclosure.service';
import { ApplyConsentHandler } from './apply-consent.handler';
import { CONSENT_EVENTS } from './consent-events.messages';
import { ConsentStateEntity } from './consent-state.entity';
import type { NoticesAwaitingConsent } from './notices-awaiting-consent.service';
import { RiskOverrideEntity } from './risk-override.entity';

const NOW = new Date('2026-11-02T10:00:00Z');

function consent(version: number, allowed = true): ConsentRecordedV1 {
  return {
    prisonNumber: 'A1234BC',
    version,
    communityTreatment: allowed,
    cjit: allowed,
    probation: allowed,
    ndtms: allowed,
    releasePlanSigned: allowed,
    recordedBy: 'j.smith',
    recordedAt: '2026-11-02T09:00:00Z',
  };
}

/**
 * The handler over a transaction whose manager answers the inbox claim (`claimed`) and holds the
 * consent on record (`onRecord`); everything it writes is kept for the assertions.
 */
function handlerWith({ claimed, onRecord }: { claimed: boolean; onRecord?: number }) {
  const upserted: Array<{ entity: unknown; row: unknown }> = [];
  const manager = {
    query: jest.fn(async (sql: string) =>
      sql.includes('inbox') && claimed ? [{ event_id: 'e' }] : [],
    ),
    findOneBy: jest.fn(async () =>
      onRecord === undefined ? null : { ...consent(onRecord), recordedAt: new Date(NOW) },
    ),
    upsert: jest.fn(async (entity: unknown, row: unknown) => {
      upserted.push({ entity, row });
    }),
  };
  const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) };
  const queue = { arm: jest.fn() };
  const awaiting = { releaseReady: jest.fn(async () => []) };
  const handler = new ApplyConsentHandler(
    dataSource as never,
    queue as Partial<DeliveryQueue> as DeliveryQueue,
    {} as NoticeDisclosure,
    awaiting as Partial<NoticesAwaitingConsent> as NoticesAwaitingConsent,
    new ManualClock(NOW),
  );
  return { handler, manager, upserted, queue, awaiting };
}

describe('ApplyConsentHandler', () => {
  it('changes nothing for an event it already applied (the inbox claim fails)', async () => {
    const { handler, manager, upserted } = handlerWith({ claimed: false });
    await handler.execute(typedEvent(CONSENT_EVENTS, ConsentEventType.ConsentRecorded, consent(2)));
    expect(manager.findOneBy).not.toHaveBeenCalled();
    expect(upserted).toEqual([]);
  });

  it('never goes back to an older or the same consent version (versions only move forward)', async () => {
    for (const version of [2, 3]) {
      const { handler, upserted, awaiting } = handlerWith({ claimed: true, onRecord: 3 });
      await handler.execute(
        typedEvent(CONSENT_EVENTS, ConsentEventType.ConsentRecorded, consent(version)),
      );
      expect(upserted).toEqual([]);
      expect(awaiting.releaseReady).not.toHaveBeenCalled();
    }
  });

  it('keeps a newer version as the consent on record', async () => {
    const { handler, upserted } = handlerWith({ claimed: true, onRecord: 1 });
    await handler.execute(typedEvent(CONSENT_EVENTS, ConsentEventType.ConsentRecorded, consent(2)));
    expect(upserted[0]).toMatchObject({
      entity: ConsentStateEntity,
      row: { prisonNumber: 'A1234BC', version: 2, appliedAt: NOW },
    });
  });

  it('keeps a risk override without touching consent or arming anything', async () => {
    const { handler, manager, upserted, queue } = handlerWith({ claimed: true });
    await handler.execute(
      typedEvent(CONSENT_EVENTS, ConsentEventType.RiskOverrideRecorded, {
        overrideId: '6f1c2b9e-6d8a-4c3b-9a7e-5d1f0c2b4a69',
        prisonNumber: 'A1234BC',
        ground: 'LIFE_THREATENING',
        scope: ['cjit'],
        authorisedBy: 'duty governor',
        recordedAt: '2026-11-02T09:00:00Z',
      }),
    );
    expect(manager.findOneBy).not.toHaveBeenCalled();
    expect(upserted).toHaveLength(1);
    expect(upserted[0]?.entity).toBe(RiskOverrideEntity);
    expect(queue.arm).not.toHaveBeenCalled();
  });
});
