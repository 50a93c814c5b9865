import { Inject, Injectable } from '@nestjs/common';
import { type BaseClient, custom, errors, generators, Issuer } from 'openid-client';

import { CONSOLE_CONFIG, type ConsoleConfig, type OidcSettings } from '../config/console.config';

/** What the console remembers, in the person's session, between sending them off and their return. */
export interface PendingOidcSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type CallbackOutcome =
  | { kind: 'claims'; issuer: string; claims: Record<string, unknown> }
  | { kind: 'refused'; detail: string };

/**
 * Sign-in through an OpenID Connect provider (docs/console.md): the authorization code flow with
 * PKCE (S256), a state that ties the answer to the session that asked and a nonce that ties the
 * ID token to it, all checked by openid-client along with the ID token's signature, issuer,
 * audience and expiry. The provider's metadata is discovered on first use and kept.
 */
@Injectable()
export class OidcSignIn {
  private client?: Promise<BaseClient>;

  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {
    custom.setHttpOptionsDefaults({ timeout: 10_000 });
  }

  get settings(): OidcSettings | undefined {
    return this.config.oidc;
  }

  /** Where to send the person, and what to keep until they come back. */
  async start(): Promise<{ url: string; pending: PendingOidcSignIn }> {
    const settings = this.required();
    const client = await this.clientOf(settings);
    const pending = {
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier: generators.codeVerifier(),
    };
    const url = client.authorizationUrl({
      scope: settings.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /**
   * The provider's answer at the redirect URL: the code exchanged (with the PKCE verifier) for
   * tokens whose ID token is checked; its claims, or why not. A wrong or missing state, an error
   * from the provider, or a token that does not check out is a refusal, never an exception page.
   */
  async finish(callbackUrl: string, pending: PendingOidcSignIn): Promise<CallbackOutcome> {
    const settings = this.required();
    const client = await this.clientOf(settings);
    const params = client.callbackParams(callbackUrl);
    try {
      const tokens = await client.callback(settings.redirectUrl, params, {
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
        response_type: 'code',
      });
      return {
        kind: 'claims',
        issuer: client.issuer.metadata.issuer,
        claims: tokens.claims() as Record<string, unknown>,
      };
    } catch (error) {
      if (error instanceof errors.OPError)
        return { kind: 'refused', detail: `provider answered ${error.error}`.slice(0, 200) };
      if (error instanceof errors.RPError)
        return { kind: 'refused', detail: error.message.slice(0, 200) };
      throw error;
    }
  }

  private required(): OidcSettings {
    if (!this.config.oidc) throw new Error('no OpenID Connect provider is configured');
    return this.config.oidc;
  }

  private clientOf(settings: OidcSettings): Promise<BaseClient> {
    this.client ??= Issuer.discover(settings.issuerUrl).then(
      (issuer) =>
        new issuer.Client({
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          redirect_uris: [settings.redirectUrl],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
    );
    // A provider that did not answer is asked again next time, not remembered as down.
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }
}
