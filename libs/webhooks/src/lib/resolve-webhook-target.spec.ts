import {
  resolveWebhookTarget,
  type HostLookup,
  type ResolvedAddress,
} from './resolve-webhook-target';

/** A resolver from a table: no DNS query ever leaves the machine. */
function fakeLookup(table: Record<string, string[]>): HostLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

const dns = fakeLookup({
  'cjit.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'metadata.example': ['169.254.169.254'],
  'intranet.example': ['10.0.0.1'],
  'nat.example': ['100.64.3.4'],
  'mixed.example': ['93.184.215.14', '192.168.1.20'],
  'mapped.example': ['::ffff:10.0.0.1'],
  'ula.example': ['fd00::5'],
  'v6-public.example': ['2606:4700:4700::1111'],
  'sink.example': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'empty.example': [],
  'garbage.example': ['not-an-address'],
});
const strict = { requireHttps: true, allowedHosts: [] as string[] };

describe(resolveWebhookTarget.name, () => {
  beforeEach(() => dns.calls.splice(0));

  it('answers every address of a public name, to connect to those only', async () => {
    const target = await resolveWebhookTarget('https://cjit.example/hooks', strict, dns);
    expect(target).toMatchObject({
      ok: true,
      host: 'cjit.example',
      addresses: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
    });
    expect(dns.calls).toEqual(['cjit.example']);
  });

  it.each([
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://10.0.0.1/hook', 'private'],
    ['https://100.64.0.1/hook', 'carrier-grade-nat'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://255.255.255.255/hook', 'broadcast'],
    ['https://224.0.0.1/hook', 'multicast'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[::ffff:10.0.0.1]/hook', 'private'],
    ['https://[fe80::1]/hook', 'link-local'],
    ['https://[fd00::1]/hook', 'private'],
  ])('refuses the IP literal in %s (%s) without resolving anything', async (url, kind) => {
    await expect(resolveWebhookTarget(url, strict, dns)).resolves.toEqual({
      ok: false,
      reason: `url points at a ${kind} address that is not allowed`,
      retryable: false,
    });
    expect(dns.calls).toEqual([]);
  });

  it('accepts a public IP literal as the one address to connect to', async () => {
    await expect(
      resolveWebhookTarget('https://[2606:4700:4700::1111]/h', strict, dns),
    ).resolves.toMatchObject({
      ok: true,
      addresses: [{ address: '2606:4700:4700::1111', family: 6 }],
    });
  });

  it.each([
    ['metadata.example', 'link-local'],
    ['intranet.example', 'private'],
    ['nat.example', 'carrier-grade-nat'],
    ['mapped.example', 'private'],
    ['ula.example', 'private'],
  ])('refuses a name resolving to a non-public address (%s: %s)', async (host, kind) => {
    await expect(resolveWebhookTarget(`https://${host}/hook`, strict, dns)).resolves.toEqual({
      ok: false,
      reason: `url host resolves to a ${kind} address that is not allowed`,
      retryable: false,
    });
  });

  it('refuses a name when one of its addresses is private, though another is public', async () => {
    const target = await resolveWebhookTarget('https://mixed.example/hook', strict, dns);
    expect(target).toEqual({
      ok: false,
      reason: 'url host resolves to a private address that is not allowed',
      retryable: false,
    });
  });

  it('never names the resolved address in the reason (internal DNS stays internal)', async () => {
    const target = await resolveWebhookTarget('https://intranet.example/hook', strict, dns);
    expect(JSON.stringify(target)).not.toContain('10.0.0.1');
  });

  it('accepts a name with only public IPv6 addresses', async () => {
    await expect(
      resolveWebhookTarget('https://v6-public.example/', strict, dns),
    ).resolves.toMatchObject({
      ok: true,
      addresses: [{ address: '2606:4700:4700::1111', family: 6 }],
    });
  });

  it('refuses localhost as loopback without asking the resolver', async () => {
    const policy = { requireHttps: false, allowedHosts: ['127.0.0.1', '::1'] };
    await expect(resolveWebhookTarget('http://localhost:1/', policy, dns)).resolves.toEqual({
      ok: false,
      reason: 'url points at a loopback host that is not allowed',
      retryable: false,
    });
    expect(dns.calls).toEqual([]);
  });

  it('accepts localhost when the allow-list names it, with what it resolves to', async () => {
    const policy = { requireHttps: false, allowedHosts: ['localhost'] };
    await expect(
      resolveWebhookTarget('http://localhost:4000/', policy, dns),
    ).resolves.toMatchObject({
      ok: true,
      addresses: [
        { address: '127.0.0.1', family: 4 },
        { address: '::1', family: 6 },
      ],
    });
  });

  it('accepts a name in the allow-list whatever it resolves to', async () => {
    const policy = { requireHttps: true, allowedHosts: ['Intranet.Example'] };
    await expect(
      resolveWebhookTarget('https://intranet.example/h', policy, dns),
    ).resolves.toMatchObject({
      ok: true,
      addresses: [{ address: '10.0.0.1', family: 4 }],
    });
  });

  it('accepts a name whose address is in the allow-list', async () => {
    const policy = { requireHttps: false, allowedHosts: ['127.0.0.1'] };
    await expect(
      resolveWebhookTarget('http://sink.example:4000/h', policy, dns),
    ).resolves.toMatchObject({
      ok: true,
      host: 'sink.example',
      addresses: [{ address: '127.0.0.1', family: 4 }],
    });
  });

  it('still refuses the other addresses of a name when only one is in the allow-list', async () => {
    const policy = { requireHttps: true, allowedHosts: ['192.168.1.20'] };
    await expect(
      resolveWebhookTarget('https://mixed.example/', policy, dns),
    ).resolves.toMatchObject({
      ok: true,
    });
    const narrower = { requireHttps: true, allowedHosts: ['192.168.1.21'] };
    await expect(
      resolveWebhookTarget('https://mixed.example/', narrower, dns),
    ).resolves.toMatchObject({
      ok: false,
    });
  });

  it('matches an IPv6 allow-list entry however the address is written', async () => {
    const policy = { requireHttps: false, allowedHosts: ['::1'] };
    await expect(
      resolveWebhookTarget('http://[0:0:0:0:0:0:0:1]:4000/h', policy, dns),
    ).resolves.toMatchObject({ ok: true, addresses: [{ address: '::1', family: 6 }] });
  });

  it('refuses plain http when https is required, before resolving', async () => {
    await expect(resolveWebhookTarget('http://cjit.example/hook', strict, dns)).resolves.toEqual({
      ok: false,
      reason: 'url must use https',
      retryable: false,
    });
    expect(dns.calls).toEqual([]);
  });

  it.each([
    ['ftp://cjit.example/hook', 'url must use https'],
    ['not a url', 'url is not a valid URL'],
    ['https://user:pw@cjit.example/hook', 'url must not carry credentials'],
  ])('refuses %s', async (url, reason) => {
    await expect(resolveWebhookTarget(url, strict, dns)).resolves.toMatchObject({
      ok: false,
      reason,
    });
  });

  it('refuses a name that does not resolve, as worth retrying', async () => {
    await expect(resolveWebhookTarget('https://nowhere.example/', strict, dns)).resolves.toEqual({
      ok: false,
      reason: 'url host could not be resolved (ENOTFOUND)',
      retryable: true,
    });
  });

  it('refuses a name with no addresses', async () => {
    await expect(resolveWebhookTarget('https://empty.example/', strict, dns)).resolves.toEqual({
      ok: false,
      reason: 'url host could not be resolved (no addresses)',
      retryable: true,
    });
  });

  it('refuses a resolver answer that is not an address', async () => {
    await expect(
      resolveWebhookTarget('https://garbage.example/', strict, dns),
    ).resolves.toMatchObject({
      ok: false,
      retryable: false,
    });
  });
});
