import { decideDirWrite } from '@throughcare/continuity-rules';
import { IntakeEventType } from '@throughcare/contracts';
import {
  buildDischarge,
  buildReception,
  buildReleaseEvent,
  buildTransfer,
} from '@throughcare/testing';

import { custodyMovementsOf } from './accepted-custody-movements';

const reception = buildReception({ receivedAt: '2026-11-02T14:05:00Z' });
const transfer = buildTransfer({ transferredAt: '2026-11-10T08:30:00Z' });
const arrival = buildReception({ establishment: 'MDI', receivedAt: '2026-11-10T09:00:00Z' });
const planned = buildReleaseEvent({ establishment: 'MDI' });
const discharge = buildDischarge({ establishment: 'MDI', dischargedAt: '2026-12-18T09:40:00Z' });

const events = [
  { type: IntakeEventType.ReceptionReceived, payload: reception },
  { type: IntakeEventType.TransferCompleted, payload: transfer },
  { type: IntakeEventType.ReceptionReceived, payload: arrival },
  { type: IntakeEventType.ReleasePlanned, payload: planned },
  { type: IntakeEventType.ReleaseDischarged, payload: discharge },
];

describe(custodyMovementsOf.name, () => {
  it('reads receptions, transfers and releases, and leaves plans out', () => {
    expect(custodyMovementsOf(events).map((m) => `${m.kind}@${m.at}`)).toEqual([
      'RECEPTION@2026-11-02T14:05:00Z',
      'TRANSFER@2026-11-10T08:30:00Z',
      'RECEPTION@2026-11-10T09:00:00Z',
      'RELEASE@2026-12-18T09:40:00Z',
    ]);
  });

  it('lets the receiving prison write a new version of the DIR the first prison started', () => {
    const episode = { receivedAt: '2026-11-02T14:05:00Z', establishment: 'LEI' };
    const dirs = [{ dirId: 'dir-1', episode, version: 1, holder: 'LEI' }];
    expect(
      decideDirWrite(custodyMovementsOf(events), dirs, {
        custodyEpisode: episode,
        establishment: 'MDI',
        recordedAt: '2026-11-11T10:00:00Z',
      }),
    ).toMatchObject({ action: 'UPDATE', dirId: 'dir-1', version: 2, holder: 'MDI' });
    expect(
      decideDirWrite(custodyMovementsOf(events), dirs, {
        custodyEpisode: episode,
        establishment: 'LEI',
        recordedAt: '2026-11-11T10:00:00Z',
      }),
    ).toMatchObject({ action: 'REFUSE', reason: expect.stringMatching(/held at MDI, not LEI/) });
  });
});
