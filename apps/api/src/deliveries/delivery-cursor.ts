/** Where a page of deliveries ended: the last row's (createdAt, deliveryId), newest first. */
export interface DeliveryCursor {
  createdAt: Date;
  deliveryId: string;
}

// Keyset pagination: a page starts strictly after the previous one's last row, so rows that
// arrive meanwhile never shift or repeat a page. createdAt comes from ISO strings with
// milliseconds, which a JavaScript Date holds exactly, so the cursor loses no precision.
export function encodeCursor(cursor: DeliveryCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.deliveryId])).toString(
    'base64url',
  );
}

/** The cursor, or null when it is not one the API wrote. */
export function decodeCursor(text: string): DeliveryCursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [createdAt, deliveryId] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof deliveryId !== 'string') return null;
  if (deliveryId.length === 0 || deliveryId.length > 200) return null;
  const instant = new Date(createdAt);
  if (Number.isNaN(instant.getTime()) || instant.toISOString() !== createdAt) return null;
  return { createdAt: instant, deliveryId };
}
