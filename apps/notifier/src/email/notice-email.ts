import type { OutgoingEmail } from './email-sender.service';

/**
 * A notice as a secure e-mail to an organisation's SPOC: the same CloudEvent a webhook would
 * carry (attached as JSON) with a readable summary. The subject names no one: subjects travel
 * less protected than bodies.
 */
export function noticeEmail(to: string, deliveryId: string, cloudEventJson: string): OutgoingEmail {
  const event = JSON.parse(cloudEventJson) as {
    type: string;
    subject?: string;
    time: string;
    data: Record<string, unknown> & {
      disclosure?: { rule: string; consentVersion: number | null };
    };
  };
  const { disclosure, ...fields } = event.data;
  const kind = event.type.replace(/^throughcare\.notice\./, '');
  const lines = [
    `Throughcare Hub notice: ${kind}`,
    `Reference: ${deliveryId}`,
    event.subject ? `Person (prison number): ${event.subject}` : 'This alert names no one.',
    `Time: ${event.time}`,
    '',
    ...Object.entries(fields).map(
      ([key, value]) =>
        `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    ),
    '',
    `Shared under: ${disclosure?.rule ?? 'n/a'} (consent version ${disclosure?.consentVersion ?? 'none'})`,
    'The notice is attached as JSON (a CloudEvent); its id is the reference above.',
  ];
  return {
    to,
    subject: `Throughcare Hub: ${kind} notice (ref ${deliveryId})`,
    text: lines.join('\n'),
    attachment: { filename: `${deliveryId}.json`, content: cloudEventJson },
  };
}

/** To the SPOC when the hub disables their webhook endpoint: no personal data at all. */
export function endpointDisabledEmail(
  to: string,
  endpoint: { id: string; url: string; failingSince: Date },
  waiting: number,
): OutgoingEmail {
  return {
    to,
    subject: 'Throughcare Hub: your webhook endpoint was disabled',
    text: [
      `Your webhook endpoint ${endpoint.url} (subscription ${endpoint.id}) has failed every delivery`,
      `since ${endpoint.failingSince.toISOString()}, so the hub has disabled it.`,
      `${waiting} notice(s) are waiting and nothing is lost: they will be sent in order once you`,
      `fix the endpoint and enable it again with POST /v1/subscriptions/${endpoint.id}/enable.`,
    ].join('\n'),
  };
}
