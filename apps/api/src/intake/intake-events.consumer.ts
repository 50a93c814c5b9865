import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';

import { DomainError, Topics, intakePayloadsOn, type IntakeEvent } from '@throughcare/contracts';
import { ConsumedEventRunner, PermanentEventError, type ValidEvent } from '@throughcare/messaging';

import { RecordIntakeEventHandler } from './record-intake-event.handler';

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

  private consume(context: KafkaContext, topic: string): Promise<void> {
    return this.runner.run(context, intakePayloadsOn(topic), (event) => this.record(event));
  }

  private async record(event: ValidEvent): Promise<void> {
    const intake = { type: event.envelope.type, data: event.envelope.data } as IntakeEvent;
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
