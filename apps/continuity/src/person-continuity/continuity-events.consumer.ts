import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import {
  ConsentEventType,
  ConsentRecordedV1,
  RiskOverrideRecordedV1,
  BridgingScriptIssuedV1,
  DirRecordedV1,
  NaloxoneRecordedV1,
  NoticeDueEventType,
  NoticeDueV1,
  OstPlanRecordedV1,
  PersonRecordEventType,
  Topics,
  intakePayloadsByType,
  type IntakeAcceptedExtensions,
} from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { CONTINUITY_CONFIG, type ContinuityConfig } from '../config/continuity.config';
import { onConsent, onIntakeAccepted } from '../custody-movements/custody-movements';
import { onMilestone } from '../continuity-notices/milestone-notices';
import { onPersonRecord, type PersonRecordWrite } from '../person-record/person-record';
import { PersonContinuityHandler } from './person-continuity.handler';

/**
 * What continuity listens to: custody movements and releases the API accepted, writes on the
 * person's record (through the API), and the planner's milestone notices. Consent is not read
 * here: the notifier decides what each recipient may see at send time (libs/disclosure).
 */
@Controller()
export class ContinuityEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly handler: PersonContinuityHandler,
    @Inject(CONTINUITY_CONFIG) private readonly config: ContinuityConfig,
  ) {}

  @EventPattern(Topics.IntakeAccepted)
  async onIntakeAccepted(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, intakePayloadsByType(), (event) => {
      const extensions = event.envelope as unknown as IntakeAcceptedExtensions;
      return this.handler.handle(event, 'continuity.intake-accepted', (state, now) =>
        onIntakeAccepted(
          state,
          {
            type: event.envelope.type,
            data: event.envelope.data,
            eventId: (event.envelope.data as { eventId: string }).eventId,
            episodeId: extensions.episodeid,
            change: extensions.custodychange,
          },
          this.config.milestones,
          now,
        ),
      );
    });
  }

  @EventPattern(Topics.PersonRecord)
  async onPersonRecord(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(
      context,
      {
        [PersonRecordEventType.DirRecorded]: DirRecordedV1,
        [PersonRecordEventType.OstPlanRecorded]: OstPlanRecordedV1,
        [PersonRecordEventType.NaloxoneRecorded]: NaloxoneRecordedV1,
        [PersonRecordEventType.BridgingScriptIssued]: BridgingScriptIssuedV1,
      },
      (event) =>
        this.handler.handle(event, 'continuity.person-record', (state, now) =>
          onPersonRecord(
            state,
            { type: event.envelope.type, data: event.envelope.data } as PersonRecordWrite,
            now,
          ),
        ),
    );
  }

  @EventPattern(Topics.NoticeDue)
  async onNoticeDue(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, { [NoticeDueEventType]: NoticeDueV1 }, async (event) => {
      const notice = event.envelope.data as NoticeDueV1;
      if (notice.continuity || !notice.milestone) return; // its own notices, lifecycle notices
      await this.handler.handle(event, 'continuity.milestone', (state, now) =>
        onMilestone(state, notice, this.config.milestones, now),
      );
    });
  }

  /** Consent, for the CJIT record request that waits for the cjit scope (003:589). */
  @EventPattern(Topics.Consent)
  async onConsentRecorded(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(
      context,
      {
        [ConsentEventType.ConsentRecorded]: ConsentRecordedV1,
        [ConsentEventType.RiskOverrideRecorded]: RiskOverrideRecordedV1,
      },
      async (event) => {
        if (event.envelope.type !== ConsentEventType.ConsentRecorded) return;
        const consent = event.envelope.data as ConsentRecordedV1;
        await this.handler.handle(event, 'continuity.consent', (state, now) =>
          onConsent(state, consent.cjit, now),
        );
      },
    );
  }
}
