import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';

import { METRICS_REGISTRY } from '@throughcare/observability';

import { AdapterRecordsRepository } from './adapter-records.repository';
import { mapHmppsEvent, type HubAction } from './hmpps-event-mapping';
import { MovementEffects, type Effect } from './movement-effects';
import { InvalidHmppsMessageError } from './upstream-unavailable.error';

export interface HmppsDelivery {
  /** The SNS MessageId, or for a bare bridged event a digest of its bytes. */
  messageId: string;
  source: 'sns' | 'kafka';
  body: unknown;
}

export interface HandledOutcome {
  duplicate: boolean;
  action: HubAction['kind'];
  outcome: string;
}

/**
 * The one handler both entries (SNS over HTTPS, Kafka) call: validate, map, act once per HMPPS
 * message, and record what was done on the person's adapter timeline (HMPPS-2 to HMPPS-7).
 */
@Injectable()
export class HandleDomainEventHandler {
  private readonly logger = new Logger(HandleDomainEventHandler.name);
  private readonly handled: Counter<'action' | 'outcome'>;
  private readonly unknown: Counter<'event_type' | 'reason'>;
  private readonly duplicates: Counter<'source'>;

  constructor(
    private readonly records: AdapterRecordsRepository,
    private readonly effects: MovementEffects,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.handled = new Counter({
      name: 'throughcare_hmpps_events_total',
      help: 'HMPPS domain events handled, by hub action and outcome (accepted, refused, noted)',
      labelNames: ['action', 'outcome'],
      registers: [registry],
    });
    this.unknown = new Counter({
      name: 'throughcare_hmpps_unknown_events_total',
      help: 'HMPPS domain events of a type or reason the adapter does not map, kept in hmpps_adapter.unknown_event',
      labelNames: ['event_type', 'reason'],
      registers: [registry],
    });
    this.duplicates = new Counter({
      name: 'throughcare_hmpps_duplicate_deliveries_total',
      help: 'Deliveries of an HMPPS message already handled (SNS retries, replays, both entries), by entry',
      labelNames: ['source'],
      registers: [registry],
    });
  }

  async execute(delivery: HmppsDelivery): Promise<HandledOutcome> {
    const mapped = mapHmppsEvent(delivery.body);
    if (!mapped.ok) {
      const fields = mapped.errors.map((error) => `${error.field}: ${error.messages.join(', ')}`);
      throw new InvalidHmppsMessageError(`not an HMPPS domain event: ${fields.join('; ')}`);
    }
    const { action, event } = mapped;
    if (await this.records.wasHandled(delivery.messageId)) {
      this.duplicates.inc({ source: delivery.source });
      return { duplicate: true, action: action.kind, outcome: 'already handled' };
    }
    const effect = await this.act(delivery, action);
    const first = await this.records.recordHandled({
      messageId: delivery.messageId,
      source: delivery.source,
      eventType: event.eventType,
      action: action.kind,
      prisonNumber: 'prisonNumber' in action ? action.prisonNumber : undefined,
      occurredAt: 'occurredAt' in action ? action.occurredAt : undefined,
      outcome: effect.outcome,
      hubEventIds: effect.hubEventIds,
    });
    if (first) this.count(action, effect);
    else this.duplicates.inc({ source: delivery.source });
    this.logger.log(
      `HMPPS message ${delivery.messageId} (${delivery.source}): ${action.kind}, ${effect.outcome}`,
    );
    return { duplicate: !first, action: action.kind, outcome: effect.outcome };
  }

  private async act(delivery: HmppsDelivery, action: HubAction): Promise<Effect> {
    if (action.kind === 'unknown') {
      await this.records.storeUnknown(delivery.messageId, action, delivery.body);
      return { outcome: `kept: ${action.why}`, hubEventIds: [], status: 'unknown' };
    }
    return this.effects.apply(delivery.messageId, action);
  }

  private count(action: HubAction, effect: Effect): void {
    this.handled.inc({ action: action.kind, outcome: effect.status });
    if (action.kind === 'unknown')
      this.unknown.inc({
        event_type: action.eventType.slice(0, 100),
        reason: (action.reason ?? '').slice(0, 64),
      });
  }
}
