import {
  DeliveryAcknowledgedV1,
  DeliveryEventType,
  DeliveryReplayRequestedV1,
  Topics,
} from '@throughcare/contracts';
import { consumes, type EventOf } from '@throughcare/messaging';

/** Commands about deliveries from the API: replay, and acknowledgements (ACK-01). */
export const DELIVERY_COMMANDS = consumes(Topics.DeliveryCommand, {
  [DeliveryEventType.ReplayRequested]: DeliveryReplayRequestedV1,
  [DeliveryEventType.Acknowledged]: DeliveryAcknowledgedV1,
});

export type DeliveryCommand<
  K extends keyof (typeof DELIVERY_COMMANDS)['classes'] =
    keyof (typeof DELIVERY_COMMANDS)['classes'],
> = EventOf<typeof DELIVERY_COMMANDS, K>;
