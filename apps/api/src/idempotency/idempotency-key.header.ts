export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Answers with the outcome's body, marking a replay as Stripe does, so a client can tell. */
export function answerWith<T>(
  response: { setHeader(name: string, value: string): unknown },
  outcome: { body: T; replayed: boolean },
): T {
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return outcome.body;
}
