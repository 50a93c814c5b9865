import {
  HUB_SOURCE,
  type CloudEvent,
  type NoticeDueV1,
  type NoticeType,
} from '@throughcare/contracts';
import type { DisclosureDecision } from '@throughcare/disclosure';

/**
 * The CloudEvent body a subscriber receives: its id is the webhook-id, its subject the
 * prisonNumber, its data exactly the fields the disclosure decision allowed. A non-identifying
 * alert has no subject at all.
 */
export function renderNoticeBody(
  webhookId: string,
  type: NoticeType,
  notice: NoticeDueV1,
  decision: Pick<DisclosureDecision, 'outcome' | 'rule' | 'fields' | 'consentVersion'>,
): string {
  const { prisonNumber, ...data } = decision.fields;
  const identifying = decision.outcome === 'SEND' && prisonNumber !== undefined;
  const event: CloudEvent = {
    specversion: '1.0',
    id: webhookId,
    source: HUB_SOURCE,
    type,
    ...(identifying ? { subject: notice.prisonNumber } : {}),
    // A milestone sent late because the release was planned at short notice says when it was sent.
    // A late notice (issue 13: consent given after this recipient's notice was withheld) too.
    time: notice.shortNotice || notice.late ? notice.issuedAt : notice.dueAt,
    datacontenttype: 'application/json',
    data: {
      ...data,
      ...(notice.late ? { late: true } : {}),
      // Reported before it was certain; a `release.retracted` may follow (REL-09).
      ...(notice.provisional ? { provisional: true } : {}),
      disclosure: { rule: decision.rule, consentVersion: decision.consentVersion },
    },
  };
  return JSON.stringify(event);
}
