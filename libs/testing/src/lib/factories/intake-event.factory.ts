import { randomUUID } from 'node:crypto';

import type {
  CourtReleaseV1,
  ReceptionReceivedV1,
  ReleaseCancelledV1,
  ReleaseDischargedV1,
  TransferCompletedV1,
} from '@throughcare/contracts';

// Valid intake payloads as in docs/hub-interface.md §6, with overrides.

export function buildReception(overrides: Partial<ReceptionReceivedV1> = {}): ReceptionReceivedV1 {
  return {
    eventId: randomUUID(),
    prisonNumber: 'A1234BC',
    establishment: 'LEI',
    receivedAt: '2026-11-02T14:05:00Z',
    receptionType: 'SENTENCED',
    substanceMisuse: { opiateUse: true, onOst: true, ostMedicine: 'METHADONE', alcohol: false },
    cjitCaseload: { organisationId: 'leeds-cjit' },
    ...overrides,
  };
}

export function buildTransfer(overrides: Partial<TransferCompletedV1> = {}): TransferCompletedV1 {
  return {
    eventId: randomUUID(),
    prisonNumber: 'A1234BC',
    fromEstablishment: 'LEI',
    toEstablishment: 'MDI',
    transferredAt: '2026-11-10T08:30:00Z',
    ...overrides,
  };
}

export function buildReleaseCancelled(
  overrides: Partial<ReleaseCancelledV1> = {},
): ReleaseCancelledV1 {
  return {
    eventId: randomUUID(),
    prisonNumber: 'A1234BC',
    establishment: 'LEI',
    reason: 'FURTHER_CHARGE',
    ...overrides,
  };
}

export function buildDischarge(overrides: Partial<ReleaseDischargedV1> = {}): ReleaseDischargedV1 {
  return {
    eventId: randomUUID(),
    prisonNumber: 'A1234BC',
    establishment: 'LEI',
    dischargedAt: '2026-12-18T09:40:00Z',
    ...overrides,
  };
}

export function buildCourtRelease(overrides: Partial<CourtReleaseV1> = {}): CourtReleaseV1 {
  return {
    eventId: randomUUID(),
    prisonNumber: 'A1234BC',
    court: 'Leeds Crown Court',
    holdingEstablishment: 'LEI',
    releasedAt: '2026-11-20T15:10:00Z',
    reason: 'BAIL',
    releaseArea: { localAuthorityCode: 'E08000035' },
    ...overrides,
  };
}
