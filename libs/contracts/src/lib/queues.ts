// BullMQ queue and job names. Wire values, never Class.name: renaming one strands queued jobs.
export enum QueueName {
  WebhookDelivery = 'webhook-delivery',
}

export enum JobName {
  DeliverWebhook = 'deliver-webhook',
}

/** Job data carries ids only: the row is the truth, rendered at send time. */
export interface JobPayloads {
  [JobName.DeliverWebhook]: { deliveryId: string };
}

export const JOBS_BY_QUEUE: Record<QueueName, readonly JobName[]> = {
  [QueueName.WebhookDelivery]: [JobName.DeliverWebhook],
};
