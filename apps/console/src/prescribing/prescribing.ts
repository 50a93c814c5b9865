import type { StaffIdentity } from '../accounts/staff-account';

/** A bridging request as `GET /v1/prescribing/bridging-requests` answers (OST-03, OST-07). */
export interface BridgingRequest {
  id: string;
  prisonNumber: string;
  establishment: string;
  status: string;
  releaseKind: string;
  releaseDate: string;
  urgent: boolean;
  fridayOrPreHoliday: boolean;
  openedAt: string;
  coverFrom: string;
  coverUntil: string;
  ostMedicine?: string;
  doseMg?: number;
  lastPrisonDoseAt?: string;
  communityAppointmentAt?: string;
}

/** Urgent first (a court release, or opened after the two-day milestone), then oldest first. */
export function prescriberQueue(requests: BridgingRequest[]): BridgingRequest[] {
  return [...requests].sort(
    (a, b) => Number(b.urgent) - Number(a.urgent) || a.openedAt.localeCompare(b.openedAt),
  );
}

/**
 * The script as issued, signed by the signed-in prescriber (OST-07, CSL-5): the form and cover
 * come from the page, the prescriber's name from the session, never from the form.
 */
export function issuedBody(
  form: Record<string, unknown>,
  identity: StaffIdentity,
  now: Date,
): Record<string, unknown> {
  const value = (name: string) =>
    typeof form[name] === 'string' && (form[name] as string).trim()
      ? (form[name] as string).trim()
      : undefined;
  const registrationNumber = value('registrationNumber');
  const pharmacy = value('pharmacy');
  return {
    ...(value('form') ? { form: value('form') } : {}),
    prescriber: {
      name: identity.displayName,
      ...(registrationNumber ? { registrationNumber } : {}),
    },
    issuedAt: now.toISOString(),
    ...(value('coverUntil') ? { coverUntil: value('coverUntil') } : {}),
    ...(pharmacy ? { pharmacy: { name: pharmacy } } : {}),
  };
}
