import { HUB_SOURCE, type CloudEvent, type NoticeDueV1 } from '@throughcare/contracts';

/** The CloudEvent body a subscriber receives: its id is the webhook-id, its subject the prisonNumber. */
export function renderNoticeBody(
  webhookId: string,
  notice: NoticeDueV1,
  disclosure: { rule: string; fields: Record<string, unknown> },
): string {
  const event: CloudEvent = {
    specversion: '1.0',
    id: webhookId,
    source: HUB_SOURCE,
    type: notice.noticeType,
    subject: notice.prisonNumber,
    // A milestone sent late because the release was planned at short notice says when it was sent.
    time: notice.shortNotice ? notice.issuedAt : notice.dueAt,
    datacontenttype: 'application/json',
    data: {
      ...disclosure.fields,
      // Consent capture arrives with the disclosure issue; until then no consent version applies.
      disclosure: { rule: disclosure.rule, consentVersion: null },
    },
  };
  return JSON.stringify(event);
}
