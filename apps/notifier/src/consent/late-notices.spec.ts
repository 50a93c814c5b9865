import { NoticeType, type NoticeDueV1 } from '@throughcare/contracts';
import type { ConsentState } from '@throughcare/disclosure';
import { buildNoticeDue } from '@throughcare/testing';

import { lateNoticeBasis, lateNoticeId, type ReleaseDeliveryFact } from './late-notices';

const NOW = new Date('2026-12-16T12:00:00Z');
const ALL_YES: ConsentState = {
  version: 2,
  communityTreatment: true,
  cjit: true,
  probation: true,
  ndtms: true,
  releasePlanSigned: true,
};

function notice(
  type: NoticeType,
  releaseDate = '2026-12-17',
): { type: string; content: NoticeDueV1 } {
  const content = buildNoticeDue({ noticeType: type });
  return { type, content: { ...content, release: { ...content.release!, releaseDate } } };
}

function delivery(
  status: ReleaseDeliveryFact['status'],
  at: number,
  noticeType: string = NoticeType.SixWeeks,
): ReleaseDeliveryFact {
  return {
    organisationId: 'cjit-a',
    subscriptionId: null,
    recipientRole: 'CJIT',
    status,
    noticeType,
    noticeCreatedAt: new Date(NOW.getTime() - 60_000 + at),
  };
}

describe('lateNoticeBasis (rule 2 of issue 13)', () => {
  const sixWeeks = notice(NoticeType.SixWeeks);
  const twoDays = notice(NoticeType.TwoDays);

  it('repeats the current state of a release still ahead to a recipient whose latest notice was withheld', () => {
    const basis = lateNoticeBasis({
      episodeNotices: [sixWeeks, twoDays],
      deliveries: [delivery('WITHHELD', 0), delivery('WITHHELD', 1)],
      consent: ALL_YES,
      now: NOW,
    });
    expect(basis).toBe(twoDays.content);
  });

  it.each([
    ['the new consent still excludes the CJIT', { ...ALL_YES, cjit: false }, 'WITHHELD'],
    ['the plan is still unsigned', { ...ALL_YES, releasePlanSigned: false }, 'WITHHELD'],
    ['the latest notice reached the recipient', ALL_YES, 'DELIVERED'],
    ['the latest notice is still to be decided', ALL_YES, 'PENDING'],
  ] as const)('sends nothing when %s', (_case, consent, lastStatus) => {
    expect(
      lateNoticeBasis({
        episodeNotices: [sixWeeks, twoDays],
        deliveries: [delivery('WITHHELD', 0), delivery(lastStatus, 1)],
        consent,
        now: NOW,
      }),
    ).toBeNull();
  });

  it.each([
    ['cancelled', [sixWeeks, notice(NoticeType.Cancelled)]],
    ['discharged', [sixWeeks, notice(NoticeType.Discharged)]],
    ['released from court', [sixWeeks, notice(NoticeType.Unplanned)]],
    ['dated in the past', [notice(NoticeType.SixWeeks, '2026-12-15')]],
  ])('sends nothing for a release %s', (_case, episodeNotices) => {
    expect(
      lateNoticeBasis({
        episodeNotices,
        deliveries: [delivery('WITHHELD', 0)],
        consent: ALL_YES,
        now: NOW,
      }),
    ).toBeNull();
  });

  it('orders notices issued at the same instant by the stage of the release', () => {
    const question = (first: ReleaseDeliveryFact, second: ReleaseDeliveryFact) =>
      lateNoticeBasis({
        episodeNotices: [sixWeeks, twoDays],
        deliveries: [first, second],
        consent: ALL_YES,
        now: NOW,
      });
    const withheldSixWeeks = delivery('WITHHELD', 0, NoticeType.SixWeeks);
    const pendingTwoDays = delivery('PENDING', 0, NoticeType.TwoDays);
    expect(question(pendingTwoDays, withheldSixWeeks)).toBeNull();
    expect(question(withheldSixWeeks, pendingTwoDays)).toBeNull();
    const withheldTwoDays = delivery('WITHHELD', 0, NoticeType.TwoDays);
    const sentSixWeeks = delivery('DELIVERED', 0, NoticeType.SixWeeks);
    expect(question(withheldTwoDays, sentSixWeeks)).toBe(twoDays.content);
  });

  it('names one late notice per person, episode and organisation', () => {
    const id = lateNoticeId('A1234BC', 'episode-1', 'cjit-a');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lateNoticeId('A1234BC', 'episode-1', 'cjit-a')).toBe(id);
    expect(lateNoticeId('A1234BC', 'episode-1', 'cp-a')).not.toBe(id);
    expect(lateNoticeId('A1234BC', 'episode-2', 'cjit-a')).not.toBe(id);
  });
});
