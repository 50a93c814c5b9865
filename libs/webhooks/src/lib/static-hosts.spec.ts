import { resolveWebhookTarget, type HostLookup } from './resolve-webhook-target';
import { parseStaticHosts, staticHostsLookup } from './static-hosts';

const policy = { requireHttps: false, allowedHosts: ['127.0.0.1'] };
const noDns: HostLookup = async (hostname) => {
  throw Object.assign(new Error(`no DNS in tests (${hostname})`), { code: 'ENOTFOUND' });
};

describe('static hosts', () => {
  it('parses name=address pairs, several addresses per name, names case-insensitively', () => {
    const hosts = parseStaticHosts(
      ' Hooks.Example.test=127.0.0.1,hooks.example.test=::1,,m.test=169.254.169.254',
    );
    expect([...hosts.entries()]).toEqual([
      [
        'hooks.example.test',
        [
          { address: '127.0.0.1', family: 4 },
          { address: '::1', family: 6 },
        ],
      ],
      ['m.test', [{ address: '169.254.169.254', family: 4 }]],
    ]);
    expect(parseStaticHosts('').size).toBe(0);
  });

  it.each(['hooks.test', '=127.0.0.1', 'hooks.test=not-an-address', 'hooks.test=10.0.0'])(
    'refuses the malformed entry %s',
    (entry) => expect(() => parseStaticHosts(entry)).toThrow(/must be name=ip-address/),
  );

  it('answers configured names itself and asks the fallback for the rest', async () => {
    const lookup = staticHostsLookup(parseStaticHosts('a.test=127.0.0.1'), async () => [
      { address: '203.0.113.7', family: 4 },
    ]);
    await expect(lookup('A.test')).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(lookup('b.test')).resolves.toEqual([{ address: '203.0.113.7', family: 4 }]);
  });

  it('vets a configured answer like a DNS answer: it cannot open a refused address', async () => {
    const lookup = staticHostsLookup(
      parseStaticHosts('metadata.test=169.254.169.254,intranet.test=10.0.0.1,hooks.test=127.0.0.1'),
      noDns,
    );
    await expect(resolveWebhookTarget('http://metadata.test/', policy, lookup)).resolves.toEqual({
      ok: false,
      reason: 'url host resolves to a link-local address that is not allowed',
      retryable: false,
    });
    await expect(resolveWebhookTarget('http://intranet.test/', policy, lookup)).resolves.toEqual({
      ok: false,
      reason: 'url host resolves to a private address that is not allowed',
      retryable: false,
    });
    await expect(
      resolveWebhookTarget('http://hooks.test:8080/in', policy, lookup),
    ).resolves.toMatchObject({
      ok: true,
      host: 'hooks.test',
      addresses: [{ address: '127.0.0.1' }],
    });
  });
});
