import { decryptSecret } from '@throughcare/webhooks';

import type { WriteOutcome } from '../idempotency/idempotent-writes.service';

/**
 * An answer that shows a signing secret once, as kept for an Idempotency-Key replay: the secret
 * sealed, as the subscription itself keeps it (the notifier must be able to sign with it), never
 * in clear.
 */
export type SealedSecretAnswer<T extends { secret: string }> = Omit<T, 'secret'> & {
  encryptedSecret: string;
};

/** The answer to send, the first time and on a replay alike: the sealed secret opened again. */
export function unsealSecretAnswer<T extends { secret: string }>(
  outcome: WriteOutcome<SealedSecretAnswer<T>>,
  secretKey: string,
): WriteOutcome<T> {
  const { encryptedSecret, ...answer } = outcome.body;
  const secret = decryptSecret(encryptedSecret, secretKey);
  return { body: { ...answer, secret } as unknown as T, replayed: outcome.replayed };
}
