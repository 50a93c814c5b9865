import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';

import { Inject, Injectable } from '@nestjs/common';

import { HMPPS_ADAPTER_CONFIG, type HmppsAdapterConfig } from '../config/hmpps-adapter.config';
import { UpstreamUnavailableError } from '../domain-events/upstream-unavailable.error';

const TIMEOUT_MS = 10_000;
const MAX_BYTES = 64 * 1024;
const CACHE_LIMIT = 32;

/**
 * Fetches SNS signing certificates over HTTPS (from hosts isAllowedSnsUrl already vetted) and
 * keeps the few in use: SNS rotates them rarely, and each message names its own.
 */
@Injectable()
export class SigningCertificates {
  private readonly cache = new Map<string, string>();

  constructor(@Inject(HMPPS_ADAPTER_CONFIG) private readonly config: HmppsAdapterConfig) {}

  async pem(url: string): Promise<string> {
    const cached = this.cache.get(url);
    if (cached) return cached;
    const pem = await this.get(url);
    try {
      new X509Certificate(pem);
    } catch {
      throw new UpstreamUnavailableError('the SNS signing certificate is not an X.509 certificate');
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(url, pem);
    return pem;
  }

  /** GETs a vetted HTTPS URL (a SubscribeURL too); its body, bounded. */
  get(url: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const failed = (why: string) => reject(new UpstreamUnavailableError(why));
      const req = request(
        url,
        { method: 'GET', ca: this.config.sns.certCa, timeout: TIMEOUT_MS },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BYTES) req.destroy(new Error('too large'));
            else chunks.push(chunk);
          });
          response.on('end', () => {
            if (response.statusCode !== 200) failed(`SNS answered ${response.statusCode}`);
            else resolve(Buffer.concat(chunks).toString('utf8'));
          });
          response.on('error', () => failed('SNS response failed'));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => failed(`SNS unreachable (${error.message.slice(0, 60)})`));
      req.end();
    });
  }
}
