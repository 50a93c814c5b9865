import { Webhook } from 'standardwebhooks';

import {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  WebhookVerificationError,
} from './standard-webhooks';

describe(signWebhook.name, () => {
  const body = JSON.stringify({ type: 'throughcare.notice.release.two-days', subject: 'A1234BC' });
  const id = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const now = Math.floor(Date.now() / 1000);

  it('produces headers the reference Standard Webhooks library accepts', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook([secret], id, now, body);
    expect(() => new Webhook(secret).verify(body, { ...headers })).not.toThrow();
  });

  it('fails reference verification when one byte of the body changes', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook([secret], id, now, body);
    const tampered = body.replace('A1234BC', 'A1234BD');
    expect(() => new Webhook(secret).verify(tampered, { ...headers })).toThrow();
  });

  it('signs with both secrets during a rotation, so either verifies', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook([oldSecret, newSecret], id, now, body);
    expect(() => verifyWebhook(oldSecret, { ...headers }, body, now)).not.toThrow();
    expect(() => verifyWebhook(newSecret, { ...headers }, body, now)).not.toThrow();
  });

  it('rejects a stale timestamp', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook([secret], id, now - 3600, body);
    expect(() => verifyWebhook(secret, { ...headers }, body, now)).toThrow(
      WebhookVerificationError,
    );
  });
});
