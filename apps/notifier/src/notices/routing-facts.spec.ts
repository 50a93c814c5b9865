import { randomUUID } from 'node:crypto';

import { NoticeType, type ContinuityRecordV1 } from '@throughcare/contracts';
import type { EntityManager } from 'typeorm';
import { buildNoticeDue } from '@throughcare/testing';

import { continuityForRouting, routingFactsOf } from './routing-facts';

describe(routingFactsOf.name, () => {
  const notice = buildNoticeDue({
    noticeId: randomUUID(),
    noticeType: NoticeType.SixWeeks,
    prisonNumber: 'A1234BC',
    episodeId: 'episode-1',
  });
  const record = (episodeId: string): ContinuityRecordV1 => ({
    prisonNumber: 'A1234BC',
    revision: 1,
    episodeId,
    atReception: { onOst: true, opiateUse: true, communityProviderId: 'bradford-cp' },
    updatedAt: '2026-11-02T14:05:01Z',
  });

  it('names the community provider the reception named (REL-08)', () => {
    expect(routingFactsOf(notice, [], record('episode-1'))).toMatchObject({
      namedCommunityProviderOrganisationId: 'bradford-cp',
    });
  });

  it("takes nothing from another custody episode's record, or from none", () => {
    expect(routingFactsOf(notice, [], record('episode-0'))).not.toHaveProperty(
      'namedCommunityProviderOrganisationId',
    );
    expect(routingFactsOf(notice, [], null)).not.toHaveProperty(
      'namedCommunityProviderOrganisationId',
    );
  });
  describe(continuityForRouting.name, () => {
    // Any read fails the test: these cases must not touch the database.
    const noReads = new Proxy({} as EntityManager, {
      get: () => () => {
        throw new Error('read the database');
      },
    });

    it('uses the record the notice carries, and reads none for a notice no named provider gets', async () => {
      const carried = { ...notice, continuity: record('episode-1') };
      await expect(continuityForRouting(noReads, carried)).resolves.toEqual(record('episode-1'));
      const summary = { ...notice, noticeType: NoticeType.TreatmentSummary };
      await expect(continuityForRouting(noReads, summary)).resolves.toBeNull();
    });
  });
});
