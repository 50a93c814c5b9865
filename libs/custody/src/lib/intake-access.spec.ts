import { IntakeEventType, type IntakeEvent } from '@throughcare/contracts';
import {
  buildCourtRelease,
  buildDischarge,
  buildReception,
  buildReleaseCancelled,
  buildReleaseEvent,
  buildTransfer,
} from '@throughcare/testing';

import type { CustodyEpisode, PersonCustody } from './custody-episode';
import { mayReportAbout, mayReportFor, reportingEstablishmentOf } from './intake-access';

const T = IntakeEventType;
const LEI = { role: 'prison', establishments: ['LEI'] } as const;
const MDI = { role: 'prison', establishments: ['MDI'] } as const;
const ADMIN = { role: 'admin', establishments: [] } as const;
const SUBSCRIBER = { role: 'subscriber', establishments: [] } as const;
const AT = new Date('2026-11-12T10:00:00Z');

/** Every event type, each reported by (or naming) the prison `code`. */
function eventsAt(code: string, elsewhere: string): Array<[string, IntakeEvent]> {
  return [
    ['reception', { type: T.ReceptionReceived, data: buildReception({ establishment: code }) }],
    [
      'transfer',
      {
        type: T.TransferCompleted,
        data: buildTransfer({ fromEstablishment: code, toEstablishment: elsewhere }),
      },
    ],
    ['release', { type: T.ReleasePlanned, data: buildReleaseEvent({ establishment: code }) }],
    [
      'release-cancelled',
      { type: T.ReleaseCancelled, data: buildReleaseCancelled({ establishment: code }) },
    ],
    ['discharge', { type: T.ReleaseDischarged, data: buildDischarge({ establishment: code }) }],
    [
      'court-release',
      {
        type: T.CourtReleaseReleased,
        data: buildCourtRelease({ holdingEstablishment: code }),
      },
    ],
  ];
}

function heldAt(establishment: string, closedAt: string | null = null): PersonCustody {
  const episode: CustodyEpisode = {
    id: 'episode-1',
    status: closedAt ? 'RELEASED' : 'IN_CUSTODY',
    establishment,
    locatedAt: '2026-11-02T14:00:00Z',
    openedAt: '2026-11-02T14:00:00Z',
    openedBy: 'RECEPTION',
    release: null,
    closedAt,
  };
  return { prisonNumber: 'A1234BC', episode };
}

describe(reportingEstablishmentOf.name, () => {
  it('is the sending prison for a transfer and the holding prison for a court release', () => {
    const transfer = buildTransfer({ fromEstablishment: 'LEI', toEstablishment: 'MDI' });
    expect(reportingEstablishmentOf({ type: T.TransferCompleted, data: transfer })).toBe('LEI');
    const court = buildCourtRelease({ holdingEstablishment: 'WDI' });
    expect(reportingEstablishmentOf({ type: T.CourtReleaseReleased, data: court })).toBe('WDI');
  });
});

describe(mayReportFor.name, () => {
  it.each(eventsAt('LEI', 'MDI'))('ACC-2: LEI may report its own %s', (_kind, event) => {
    expect(mayReportFor(LEI, event)).toEqual({ allowed: true, rule: 'ACC-2' });
  });

  it.each(eventsAt('LEI', 'MDI'))('ACC-2: MDI may not report LEI %s', (_kind, event) => {
    expect(mayReportFor(MDI, event)).toMatchObject({ allowed: false, rule: 'ACC-2' });
  });

  it('ACC-2: the receiving prison may not record the transfer to it (the takeover of issue 12)', () => {
    const transfer = buildTransfer({ fromEstablishment: 'LEI', toEstablishment: 'MDI' });
    expect(mayReportFor(MDI, { type: T.TransferCompleted, data: transfer })).toMatchObject({
      allowed: false,
    });
  });

  it('ACC-1: an admin may report anything, a subscriber nothing', () => {
    for (const [, event] of eventsAt('LEI', 'MDI')) {
      expect(mayReportFor(ADMIN, event).allowed).toBe(true);
      expect(mayReportFor(SUBSCRIBER, event).allowed).toBe(false);
    }
  });
});

describe(mayReportAbout.name, () => {
  it.each(eventsAt('MDI', 'MDI'))(
    'ACC-3: MDI naming itself may not report a %s about someone held at LEI',
    (_kind, event) => {
      expect(mayReportAbout(MDI, event, heldAt('LEI'), AT)).toEqual({
        allowed: false,
        rule: 'ACC-3',
        reason: 'the person is not held at an establishment of this key',
      });
    },
  );

  it.each(eventsAt('LEI', 'MDI'))('ACC-3: LEI, holding the person, may report a %s', (_k, e) => {
    expect(mayReportAbout(LEI, e, heldAt('LEI'), AT).allowed).toBe(true);
  });

  it('ACC-3: a transfer from LEI to MDI, once recorded by LEI, lets MDI record its reception', () => {
    const reception = buildReception({ establishment: 'MDI' });
    const afterTransfer = heldAt('MDI');
    expect(
      mayReportAbout(MDI, { type: T.ReceptionReceived, data: reception }, afterTransfer, AT),
    ).toMatchObject({ allowed: true, rule: 'ACC-3' });
  });

  it('ACC-3: after a release, late events are for the prison that released the person', () => {
    const released = heldAt('LEI', '2026-11-10T09:00:00Z');
    const lateTransfer = buildTransfer({
      fromEstablishment: 'MDI',
      toEstablishment: 'MDI',
      transferredAt: '2026-11-05T09:00:00Z',
    });
    const event: IntakeEvent = { type: T.TransferCompleted, data: lateTransfer };
    expect(mayReportAbout(MDI, event, released, AT)).toMatchObject({ allowed: false });
    expect(mayReportAbout(LEI, eventsAt('LEI', 'MDI')[1]![1], released, AT).allowed).toBe(true);
  });

  it('ACC-4: any prison may receive a person at liberty, but not dated before the release', () => {
    const released = heldAt('LEI', '2026-11-10T09:00:00Z');
    const reception: IntakeEvent = {
      type: T.ReceptionReceived,
      data: buildReception({ establishment: 'MDI' }),
    };
    expect(mayReportAbout(MDI, reception, released, AT)).toMatchObject({
      allowed: true,
      rule: 'ACC-4',
    });
    const before = new Date('2026-11-09T09:00:00Z');
    expect(mayReportAbout(MDI, reception, released, before)).toMatchObject({
      allowed: false,
      rule: 'ACC-4',
    });
    expect(mayReportAbout(LEI, eventsAt('LEI', 'MDI')[0]![1], released, before).allowed).toBe(true);
  });

  it('ACC-5: a person the hub has never seen may be reported by the prison naming itself', () => {
    for (const [, event] of eventsAt('MDI', 'LEI')) {
      const unknown: PersonCustody = { prisonNumber: 'A1234BC', episode: null };
      expect(mayReportAbout(MDI, event, unknown, AT)).toMatchObject({
        allowed: true,
        rule: 'ACC-5',
      });
    }
  });

  it('ACC-1: an admin may report about anyone; ACC-2 still applies before custody', () => {
    for (const [, event] of eventsAt('MDI', 'LEI')) {
      expect(mayReportAbout(ADMIN, event, heldAt('LEI'), AT).allowed).toBe(true);
      expect(mayReportAbout(LEI, event, heldAt('LEI'), AT)).toMatchObject({
        allowed: false,
        rule: 'ACC-2',
      });
    }
  });
});
