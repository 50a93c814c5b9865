import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import {
  DomainError,
  TOPIC_MESSAGES,
  Topics,
  type IntakeEvent,
  type IntakeEventType,
} from '@throughcare/contracts';
import {
  ConsumedEventRunner,
  PermanentEventError,
  consumes,
  type TypedEvent,
} from '@throughcare/messaging';

import { RecordIntakeEventHandler } from './record-intake-event.handler';

/** The four contract topics, each with the intake events it carries (docs/hub-interface.md §2). */
const INTAKE = {
  [Topics.Reception]: consumes(Topics.Reception, TOPIC_MESSAGES[Topics.Reception]),
  [Topics.Transfer]: consumes(Topics.Transfer, TOPIC_MESSAGES[Topics.Transfer]),
  [Topics.Release]: consumes(Topics.Release, TOPIC_MESSAGES[Topics.Release]),
  [Topics.CourtRelease]: consumes(Topics.CourtRelease, TOPIC_MESSAGES[Topics.CourtRelease]),
};

/** An intake event as read from its topic: a type with the data of that type. */
type IntakeMessage = IntakeEvent & TypedEvent<IntakeEvent['data'], IntakeEventType>;

/**
 * The direct path: CloudEvents a prison system publishes onto the four topics get exactly the
 * HTTP path's handling. Invalid or contradicting events go to `<topic>.dlq` with the reason;
 * the events the API itself published are recognised by eventId and skipped.
 */
@Controller()
export class IntakeEventsConsumer {
  constructor(
    private readonly runner: ConsumedEventRunner,
    private readonly recordIntakeEvent: RecordIntakeEventHandler,
  ) {}

  @EventPattern(Topics.Reception)
  onReception(@Ctx() context: KafkaContext): Promise<void> {
    return this.consume(context, Topics.Reception);
  }

  @EventPattern(Topics.Transfer)
  onTransfer(@Ctx() context: KafkaContext): Promise<void> {
    return this.consume(context, Topics.Transfer);
  }

  @EventPattern(Topics.Release)
  onRelease(@Ctx() context: KafkaContext): Promise<void> {
    return this.consume(context, Topics.Release);
  }

  @EventPattern(Topics.CourtRelease)
  onCourtRelease(@Ctx() context: KafkaContext): Promise<void> {
    return this.consume(context, Topics.CourtRelease);
  }

  private consume(context: KafkaContext, topic: keyof typeof INTAKE): Promise<void> {
    return this.runner.run(context, INTAKE[topic], (event) => this.record(event));
  }

  private async record(event: IntakeMessage): Promise<void> {
    const intake: IntakeEvent = event;
    if (intake.data.eventId !== event.envelope.id) {
      throw new PermanentEventError('CloudEvent id must equal data.eventId');
    }
    try {
      await this.recordIntakeEvent.execute(intake, 'kafka');
    } catch (error) {
      if (error instanceof DomainError) throw new PermanentEventError(error.message);
      throw error;
    }
  }
}
