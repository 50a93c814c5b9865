import { NoticeType } from '@throughcare/contracts';

import { endpointsFor } from './delivery-endpoints';

describe('endpointsFor', () => {
  const webhooks = [{ id: 'webhook-1' }, { id: 'webhook-2' }];

  it('a notice goes to each webhook that wants it, or by e-mail when there is none', () => {
    expect(endpointsFor({ noticeType: NoticeType.NaloxoneMissing }, webhooks)).toEqual(webhooks);
    expect(endpointsFor({ noticeType: NoticeType.NaloxoneMissing }, [])).toEqual([null]);
  });

  it('naloxone still missing on the release day goes by webhook and e-mail at once (NAL-04)', () => {
    expect(endpointsFor({ noticeType: NoticeType.NaloxoneMissingOnReleaseDay }, webhooks)).toEqual([
      ...webhooks,
      null,
    ]);
    expect(endpointsFor({ noticeType: NoticeType.NaloxoneMissingOnReleaseDay }, [])).toEqual([
      null,
    ]);
  });
});
