import { checkWebhookUrl, classifyAddress } from './webhook-url-policy';

describe(checkWebhookUrl.name, () => {
  const strict = { requireHttps: true, allowedHosts: [] as string[] };

  it.each([
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://10.0.0.1/hook', 'private'],
    ['https://192.168.1.20/hook', 'private'],
    ['https://127.0.0.1:8080/hook', 'loopback'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[::ffff:10.0.0.1]/hook', 'private'],
    ['https://0.0.0.0/hook', 'unspecified'],
  ])('refuses %s (%s) when not allowed', (url, kind) => {
    expect(checkWebhookUrl(url, strict)).toEqual({
      ok: false,
      reason: `url points at a ${kind} address that is not allowed`,
    });
  });

  it('refuses plain http when https is required', () => {
    expect(checkWebhookUrl('http://cjit.example/hook', strict)).toEqual({
      ok: false,
      reason: 'url must use https',
    });
  });

  it('allows a loopback host named in the allow-list', () => {
    const policy = { requireHttps: false, allowedHosts: ['127.0.0.1'] };
    expect(checkWebhookUrl('http://127.0.0.1:4000/hook', policy)).toEqual({
      ok: true,
      host: '127.0.0.1',
    });
  });

  it('accepts a public https name (resolution is checked separately)', () => {
    expect(checkWebhookUrl('https://cjit.example/hooks/throughcare', strict)).toEqual({
      ok: true,
      host: 'cjit.example',
    });
  });
});

describe(classifyAddress.name, () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['172.16.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'private'],
  ])('%s is %s', (ip, kind) => expect(classifyAddress(ip)).toBe(kind));
});
