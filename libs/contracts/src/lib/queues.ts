// BullMQ queue and job names. Wire values, never Class.name: renaming one strands queued jobs.
export enum QueueName {
  WebhookDelivery = 'webhook-delivery',
  MilestoneTimers = 'milestone-timers',
}

export enum JobName {
  DeliverWebhook = 'deliver-webhook',
  FireMilestone = 'fire-milestone',
}

/** Job data carries ids only: the row is the truth, the job is a timer. */
export interface JobPayloads {
  [JobName.DeliverWebhook]: { deliveryId: string };
  [JobName.FireMilestone]: { milestoneId: string };
}

/** The job names each queue carries, for exhaustive switches in its processor. */
export interface QueueJobs {
  [QueueName.WebhookDelivery]: JobName.DeliverWebhook;
  [QueueName.MilestoneTimers]: JobName.FireMilestone;
}

export const JOBS_BY_QUEUE: Record<QueueName, readonly JobName[]> = {
  [QueueName.WebhookDelivery]: [JobName.DeliverWebhook],
  [QueueName.MilestoneTimers]: [JobName.FireMilestone],
};

/** A milestone's timer job id: one per milestone, so arming twice is harmless. */
export function milestoneTimerJobId(milestoneId: string): string {
  return `${milestoneId}-fire`;
}
