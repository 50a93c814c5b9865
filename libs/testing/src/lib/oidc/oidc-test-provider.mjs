// A real OpenID Connect provider (oidc-provider) for the console's sign-in tests, run as a
// process of its own because oidc-provider is an ES module and the tests run as CommonJS.
// Test-only: a person "signs in" by posting their account id to the interaction; no password.
//
// Environment: OIDC_TEST_PORT, OIDC_TEST_CLIENT (JSON: client_id, client_secret, redirect_uri),
// OIDC_TEST_ACCOUNTS_FILE (JSON: { accountId: claims }), read again at each sign-in so a test can
// change a person's claims between two sign-ins. Prints "ready <issuer>" once it listens.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const issuer = `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.OIDC_TEST_CLIENT);
const accounts = () => JSON.parse(readFileSync(process.env.OIDC_TEST_ACCOUNTS_FILE, 'utf8'));
const HUB_CLAIMS = ['roles', 'establishments', 'organisation'];

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: [client.redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  scopes: ['openid', 'profile', 'hub'],
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], hub: HUB_CLAIMS },
  // The claims of the scopes asked for go into the ID token, as HMPPS Auth and Entra put roles.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  cookies: { keys: ['oidc-test-provider-cookie-key-not-a-secret'] },
  async findAccount(_ctx, sub) {
    const claims = accounts()[sub];
    if (!claims) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
  // First-party client: consent is taken as given, so the test only has to sign in.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile hub');
    grant.addOIDCClaims(['name', 'preferred_username', ...HUB_CLAIMS]);
    await grant.save();
    return grant;
  },
});

function readForm(request) {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => resolve(new URLSearchParams(body)));
    request.on('error', reject);
  });
}

const handleProvider = provider.callback();
const server = createServer(async (request, response) => {
  const interaction = /^\/interaction\/([^/?]+)/.exec(request.url ?? '');
  if (!interaction) return handleProvider(request, response);
  try {
    if (request.method === 'GET') {
      response.setHeader('content-type', 'text/html');
      return response.end(
        `<form method="post" action="/interaction/${interaction[1]}"><input name="login"></form>`,
      );
    }
    const login = (await readForm(request)).get('login') ?? '';
    if (!accounts()[login]) {
      response.statusCode = 400;
      return response.end('unknown test account');
    }
    await provider.interactionFinished(
      request,
      response,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
  } catch (error) {
    response.statusCode = 500;
    response.end(String(error));
  }
});

server.listen(port, '127.0.0.1', () => process.stdout.write(`ready ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
