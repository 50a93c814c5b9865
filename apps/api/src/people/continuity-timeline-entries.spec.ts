import { NoticeType, PersonRecordEventType } from '@throughcare/contracts';

import type { BridgingRequestEntity } from '../prescribing/bridging-request.entity';
import { continuityEntries, type ContinuityOnRecord } from './continuity-timeline-entries';
import type { IssuedNoticeEntity } from './issued-notice.entity';

const REQUEST_ID = '7d0c1a56-0c57-4a4e-9a57-0f6f2b7a9d11';

function bridging(overrides: Partial<BridgingRequestEntity> = {}): BridgingRequestEntity {
  const view = {
    id: REQUEST_ID,
    prisonNumber: 'A1234BC',
    establishment: 'LEI',
    status: 'OPEN' as const,
    releaseKind: 'PLANNED' as const,
    releaseDate: '2026-12-18',
    urgent: false,
    fridayOrPreHoliday: true,
    openedAt: '2026-12-16T09:00:00Z',
    coverFrom: '2026-12-18',
    coverUntil: '2026-12-21',
  };
  return {
    id: REQUEST_ID,
    prisonNumber: 'A1234BC',
    establishment: 'LEI',
    status: 'OPEN',
    urgent: false,
    openedAt: new Date(view.openedAt),
    releaseDate: view.releaseDate,
    view,
    issued: null,
    revision: 3,
    ...overrides,
  };
}

function notice(noticeType: string, milestone: string | null): IssuedNoticeEntity {
  return {
    noticeId: '4a3b2c1d-0e9f-4a8b-8c7d-6e5f4a3b2c1d',
    prisonNumber: 'A1234BC',
    noticeType,
    episodeId: 'episode-1',
    milestone,
    dueAt: new Date('2026-12-16T09:00:00Z'),
    issuedAt: new Date('2026-12-16T09:00:01Z'),
  };
}

const empty: ContinuityOnRecord = {
  dirs: [],
  ostPlans: [],
  naloxone: [],
  bridgingRequests: [],
  notices: [],
};

describe(continuityEntries.name, () => {
  it('shows a bridging request when opened and again when its script was issued', () => {
    const issued = {
      form: 'FP10MDA' as const,
      prescriber: { name: 'Dr R. Khan' },
      issuedAt: '2026-12-17T15:00:00Z',
      coverUntil: '2026-12-21',
    };
    const entries = continuityEntries({
      ...empty,
      bridgingRequests: [bridging({ status: 'ISSUED', issued })],
    });
    expect(entries).toEqual([
      {
        at: '2026-12-16T09:00:00.000Z',
        kind: 'bridging-request',
        type: NoticeType.BridgingScriptRequested,
        summary:
          'bridging request opened at LEI for the release on 2026-12-18, covering 2026-12-18 until 2026-12-21',
        requestId: REQUEST_ID,
      },
      {
        at: '2026-12-17T15:00:00.000Z',
        kind: 'bridging-request',
        type: PersonRecordEventType.BridgingScriptIssued,
        summary: 'FP10MDA bridging script issued at LEI, covering until 2026-12-21',
        requestId: REQUEST_ID,
      },
    ]);
    // The prescriber's name stays on the request.
    expect(JSON.stringify(entries)).not.toContain('Khan');
  });

  it('lists continuity notices, leaving the three milestone notices to the release entries', () => {
    const entries = continuityEntries({
      ...empty,
      notices: [
        notice(NoticeType.TwoDays, 'TWO_DAYS'),
        notice(NoticeType.NaloxoneMissing, 'TWO_DAYS'),
        notice(NoticeType.Unplanned, null),
      ],
    });
    expect(entries.map((e) => [e.kind, e.type, e.summary])).toEqual([
      ['notice', NoticeType.NaloxoneMissing, 'naloxone.missing issued with the TWO_DAYS notice'],
      ['notice', NoticeType.Unplanned, 'unplanned issued'],
    ]);
  });
});
