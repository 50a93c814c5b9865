import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { ConsentEventType, Topics } from '@throughcare/contracts';
import { ConsumedEventRunner } from '@throughcare/messaging';

import { CONTINUITY_CONFIG, type ContinuityConfig } from '../config/continuity.config';
import { onConsent, onIntakeAccepted } from '../custody-movements/custody-movement-decisions';
import { onMilestone } from '../continuity-notices/milestone-notices';
import { onPersonRecord } from '../person-record/person-record';
import { CONSENT, INTAKE_ACCEPTED, NOTICES_DUE, PERSON_RECORD } from './continuity-events.messages';
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
    await this.runner.run(context, INTAKE_ACCEPTED, (event) =>
      this.handler.handle(event, 'continuity.intake-accepted', (state, now) =>
        onIntakeAccepted(
          state,
          event,
          { episodeId: event.extensions.episodeid, change: event.extensions.custodychange },
          this.config.milestones,
          now,
        ),
      ),
    );
  }

  @EventPattern(Topics.PersonRecord)
  async onPersonRecord(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, PERSON_RECORD, (event) =>
      this.handler.handle(event, 'continuity.person-record', (state, now) =>
        onPersonRecord(state, event, now),
      ),
    );
  }

  @EventPattern(Topics.NoticeDue)
  async onNoticeDue(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, NOTICES_DUE, async (event) => {
      const notice = event.data;
      if (notice.continuity || !notice.milestone) return; // its own notices, lifecycle notices
      await this.handler.handle(event, 'continuity.milestone', (state, now) =>
        onMilestone(state, notice, this.config.milestones, now),
      );
    });
  }

  /** Consent, for the CJIT record request that waits for the cjit scope (DIR-06). */
  @EventPattern(Topics.Consent)
  async onConsentRecorded(@Ctx() context: KafkaContext): Promise<void> {
    await this.runner.run(context, CONSENT, async (event) => {
      if (event.type !== ConsentEventType.ConsentRecorded) return;
      const consent = event.data;
      await this.handler.handle(event, 'continuity.consent', (state, now) =>
        onConsent(state, consent.cjit, now),
      );
    });
  }
}
