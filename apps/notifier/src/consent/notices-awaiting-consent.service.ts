import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource, In, LessThanOrEqual, type EntityManager } from 'typeorm';

import { METRICS_REGISTRY } from '@throughcare/observability';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { DeliveryQueue } from '../delivery/delivery-queue.service';
import type { NewDelivery } from '../delivery/delivery-ledger';
import { AcceptNoticeHandler } from '../notices/accept-notice.handler';
import { NoticeEntity } from '../notices/notice.entity';
import { lockConsentForSend } from './consent-on-record';
import { NoticeAwaitingConsentEntity } from './notice-awaiting-consent.entity';

const SWEEP_BATCH = 100;

/**
 * Notices kept back by parkUntilConsentArrives go on when the person's consent version arrives
 * (in that consent change's transaction) or, at the latest, when the bounded wait ends: then they
 * are decided under the consent on record, and a later consent that allows a recipient it
 * withheld from sends that recipient the release late, once (LateNotices).
 */
@Injectable()
export class NoticesAwaitingConsent implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NoticesAwaitingConsent.name);
  private readonly released: Counter<'reason'>;
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly acceptNotice: AcceptNoticeHandler,
    private readonly deliveryQueue: DeliveryQueue,
    @Inject(NOTIFIER_CONFIG) private readonly config: Pick<NotifierConfig, 'consentReplicaWaitMs'>,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.released = new Counter({
      name: 'throughcare_notices_awaiting_consent_released_total',
      help: 'Notices that waited for the notifier to learn the consent version the API had acknowledged, by how the wait ended (CONSENT_ARRIVED, WAIT_EXPIRED)',
      labelNames: ['reason'],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    const every = Math.min(1_000, Math.max(100, Math.floor(this.config.consentReplicaWaitMs / 4)));
    this.timer = setInterval(() => void this.sweep(), every);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * In the transaction that applied `version` (holding the person's consent lock exclusively):
   * opens the deliveries of every notice of the person that waited for this version or an
   * earlier one, oldest first; returns them, to arm after the commit.
   */
  async releaseReady(
    manager: EntityManager,
    prisonNumber: string,
    version: number,
  ): Promise<NewDelivery[]> {
    const ids = deletedNoticeIds(
      await manager.query(
        `DELETE FROM notifier.notice_awaiting_consent
          WHERE prison_number = $1 AND consent_version <= $2 RETURNING notice_id`,
        [prisonNumber, version],
      ),
    );
    if (ids.length === 0) return [];
    const notices = await manager.find(NoticeEntity, {
      where: { id: In(ids) },
      order: { createdAt: 'ASC' },
    });
    const opened: NewDelivery[] = [];
    for (const notice of notices) {
      opened.push(
        ...(await this.acceptNotice.routeAndOpen(
          manager,
          notice.content,
          notice.correlationId ?? undefined,
        )),
      );
    }
    this.released.inc({ reason: 'CONSENT_ARRIVED' }, notices.length);
    this.logger.log(
      `${notices.length} notice(s) for ${prisonNumber} released by consent v${version}`,
    );
    return opened;
  }

  /** Notices that waited longer than the bound are decided under the consent on record now. */
  async releaseExpired(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.consentReplicaWaitMs);
    const expired = await this.dataSource.getRepository(NoticeAwaitingConsentEntity).find({
      where: { parkedAt: LessThanOrEqual(cutoff) },
      order: { parkedAt: 'ASC' },
      take: SWEEP_BATCH,
    });
    let released = 0;
    for (const waiting of expired) {
      if (await this.releaseOne(waiting)) released += 1;
    }
    return released;
  }

  private async releaseOne(waiting: NoticeAwaitingConsentEntity): Promise<boolean> {
    const opened = await this.dataSource.transaction(async (manager) => {
      // The consent lock first, as a consent change takes it: the two never wait on each other.
      await lockConsentForSend(manager, waiting.prisonNumber);
      const claimed = deletedNoticeIds(
        await manager.query(
          'DELETE FROM notifier.notice_awaiting_consent WHERE notice_id = $1 RETURNING notice_id',
          [waiting.noticeId],
        ),
      );
      // Released meanwhile, by its consent or by another instance.
      if (claimed.length === 0) return null;
      const notice = await manager.findOneByOrFail(NoticeEntity, { id: waiting.noticeId });
      return this.acceptNotice.routeAndOpen(
        manager,
        notice.content,
        notice.correlationId ?? undefined,
      );
    });
    if (!opened) return false;
    this.released.inc({ reason: 'WAIT_EXPIRED' });
    this.logger.warn(
      `notice ${waiting.noticeId} for ${waiting.prisonNumber} decided without consent v${waiting.consentVersion} after waiting ${this.config.consentReplicaWaitMs} ms`,
    );
    for (const delivery of opened.filter((d) => d.status === 'PENDING'))
      await this.deliveryQueue.arm(delivery);
    return true;
  }

  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.releaseExpired();
    } catch (error) {
      this.logger.warn(`releasing expired consent waits failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}

/** TypeORM answers a DELETE ... RETURNING on PostgreSQL as [rows, count]. */
function deletedNoticeIds(result: unknown[]): string[] {
  const rows = (Array.isArray(result[0]) ? result[0] : result) as Array<{ notice_id: string }>;
  return rows.map((r) => r.notice_id);
}
