import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { DataSource, IsNull, LessThanOrEqual, Not, type EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { METRICS_REGISTRY } from '@throughcare/observability';

import { NOTIFIER_CONFIG, type NotifierConfig } from '../config/notifier.config';
import { EmailSender, type OutgoingEmail } from '../email/email-sender.service';
import { RecipientOrganisationEntity } from '../recipients/recipient-organisation.entity';
import { acknowledgementDeadline } from './acknowledgement-deadline';
import { AcknowledgementDeadlineEntity } from './acknowledgement-deadline.entity';
import { declinedEmail, escalationEmail } from './escalation-email';
import { ladderContact, nextStep, type LadderDirectory } from './escalation-ladder';
import { EscalationStepEntity } from './escalation-step.entity';

const BATCH = 20;

/**
 * Sweeps the deadline table on the hub clock (ACK-02 to ACK-04): computes new deadlines, and takes
 * each step that has fallen due: an e-mail to the step's contact, audited and counted, then the
 * next step one interval later. Rows are claimed with SKIP LOCKED, so several notifiers share the
 * work, and everything lives in PostgreSQL, so a restart loses nothing.
 */
@Injectable()
export class EscalationSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EscalationSweeper.name);
  private readonly steps: Counter<'step' | 'notice_type' | 'outcome'>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly email: EmailSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFIER_CONFIG) private readonly config: NotifierConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.steps = new Counter({
      name: 'throughcare_escalation_steps_total',
      help: 'Escalation steps taken for notices not acknowledged in time, and declined notices sent to the releasing prison (ACK-03, ACK-04)',
      labelNames: ['step', 'notice_type', 'outcome'],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.sweepSoon(), this.config.escalation.pollIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sweeps now, or once more when a sweep is under way (an acknowledgement just arrived). */
  sweepSoon(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sweep()
      .catch((error: Error) => this.logger.error(`escalation sweep failed: ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.sweepSoon();
        }
      });
  }

  async sweep(): Promise<void> {
    await this.computeDeadlines();
    while ((await this.takeDueSteps()) === BATCH);
  }

  private async computeDeadlines(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.find(AcknowledgementDeadlineEntity, {
        where: { dueAt: IsNull(), closedAt: IsNull(), nextStep: IsNull() },
        take: 200,
        lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
      });
      for (const row of rows) {
        const deadline = acknowledgementDeadline(
          { ...row, role: row.recipientRole },
          this.config.escalation.deadlines,
        );
        if (!deadline) {
          await manager.update(AcknowledgementDeadlineEntity, key(row), {
            closedAt: this.clock.now(),
            closedBy: 'NOT_OWED',
          });
          continue;
        }
        await manager.update(AcknowledgementDeadlineEntity, key(row), {
          required: deadline.required,
          dueAt: deadline.dueAt,
          nextStep: 'SPOC',
          nextStepAt: deadline.dueAt,
        });
      }
    });
  }

  /** Takes up to BATCH due steps; returns how many it took. */
  private takeDueSteps(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await manager.find(AcknowledgementDeadlineEntity, {
        where: {
          closedAt: IsNull(),
          nextStep: Not(IsNull()),
          nextStepAt: LessThanOrEqual(this.clock.now()),
        },
        order: { nextStepAt: 'ASC' },
        take: BATCH,
        lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
      });
      for (const row of due) await this.takeStep(manager, row);
      return due.length;
    });
  }

  private async takeStep(
    manager: EntityManager,
    row: AcknowledgementDeadlineEntity,
  ): Promise<void> {
    const step = row.nextStep;
    if (!step) return;
    const directory = await this.directoryFor(manager, row);
    const contact = ladderContact(
      step === 'DECLINED_TO_PRISON' ? 'RELEASING_PRISON' : step,
      directory,
    );
    const now = this.clock.now();
    let outcome: EscalationStepEntity['outcome'] = 'SKIPPED';
    let detail: string | null = 'no contact registered for this step';
    if (contact) {
      const result = await this.email.send(this.emailFor(contact.email, row));
      outcome = result.error ? 'FAILED' : 'SENT';
      detail = result.error;
    }
    await manager.insert(EscalationStepEntity, {
      noticeId: row.noticeId,
      organisationId: row.organisationId,
      step,
      toOrganisationId: contact?.organisationId ?? null,
      outcome,
      detail,
      at: now,
    });
    this.steps.inc({ step, notice_type: row.noticeType, outcome });
    this.logger.log(
      `escalation ${step} for notice ${row.noticeId} (${row.organisationId}): ${outcome}`,
    );
    await manager.update(
      AcknowledgementDeadlineEntity,
      key(row),
      this.afterStep(row, outcome, now),
    );
  }

  private afterStep(
    row: AcknowledgementDeadlineEntity,
    outcome: EscalationStepEntity['outcome'],
    now: Date,
  ): Partial<AcknowledgementDeadlineEntity> {
    const { stepAfterMs } = this.config.escalation;
    // A failed e-mail is audited and counted as FAILED, and the ladder moves on: the next contact
    // is the way to reach someone (and a relay that is down cannot hold a ladder forever).
    const following =
      !row.nextStep || row.nextStep === 'DECLINED_TO_PRISON' ? null : nextStep(row.nextStep);
    if (!following)
      return {
        nextStep: null,
        nextStepAt: null,
        closedAt: now,
        closedBy: row.closedBy ?? 'LADDER_DONE',
      };
    // A skipped step (no one to tell) is no reason to wait: the next one goes now.
    const delay = outcome === 'SKIPPED' ? 0 : stepAfterMs;
    return { nextStep: following, nextStepAt: new Date(now.getTime() + delay) };
  }

  private emailFor(to: string, row: AcknowledgementDeadlineEntity): OutgoingEmail {
    const notice = {
      deliveryReference: row.deliveryId,
      noticeType: row.noticeType,
      organisationId: row.organisationId,
      prisonNumber: row.prisonNumber,
    };
    if (row.nextStep === 'DECLINED_TO_PRISON')
      return declinedEmail(to, notice, row.declinedReason ?? 'no reason given');
    return escalationEmail(to, row.nextStep as 'SPOC', {
      ...notice,
      required: row.required ?? 'ACCEPTED',
      dueAt: row.dueAt ?? row.issuedAt,
    });
  }

  private async directoryFor(
    manager: EntityManager,
    row: AcknowledgementDeadlineEntity,
  ): Promise<LadderDirectory> {
    const organisation = await manager.findOneBy(RecipientOrganisationEntity, {
      organisationId: row.organisationId,
    });
    const prisons: RecipientOrganisationEntity[] = row.releasingEstablishment
      ? await manager.query(
          `SELECT organisation_id AS "organisationId", spoc FROM notifier.recipient_organisation
            WHERE type = 'PRISON' AND $1 = ANY (establishments) ORDER BY organisation_id LIMIT 1`,
          [row.releasingEstablishment],
        )
      : [];
    return {
      organisation: organisation
        ? {
            organisationId: organisation.organisationId,
            spoc: organisation.spoc,
            secondContact: organisation.secondContact ?? null,
          }
        : null,
      releasingPrison: prisons[0] ?? null,
    };
  }
}

function key(row: AcknowledgementDeadlineEntity) {
  return { noticeId: row.noticeId, organisationId: row.organisationId };
}
