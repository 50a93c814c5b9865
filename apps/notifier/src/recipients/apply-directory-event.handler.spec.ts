import { DirectoryEventType } from '@throughcare/contracts';
import { typedEvent } from '@throughcare/messaging';

import type { NotifierConfig } from '../config/notifier.config';
import type { EndpointDrain } from '../delivery/endpoint-drain.service';
import { ApplyDirectoryEventHandler } from './apply-directory-event.handler';
import { DIRECTORY_EVENTS } from './directory-events.messages';
import { RecipientOrganisationEntity } from './recipient-organisation.entity';

/** The handler over a transaction whose manager answers the inbox claim; updates are kept. */
function handlerWith(claimed: boolean) {
  const updated: Array<{ entity: unknown; where: unknown; values: unknown }> = [];
  const manager = {
    query: jest.fn(async (sql: string) =>
      sql.includes('inbox') && claimed ? [{ event_id: 'e' }] : [],
    ),
    update: jest.fn(async (entity: unknown, where: unknown, values: unknown) => {
      updated.push({ entity, where, values });
    }),
  };
  const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) };
  const handler = new ApplyDirectoryEventHandler(
    dataSource as never,
    { start: jest.fn() } as Partial<EndpointDrain> as EndpointDrain,
    {} as NotifierConfig,
  );
  return { handler, updated };
}

const SPOC = { name: 'New duty worker', email: 'new@leeds-cjit.example' };

describe('ApplyDirectoryEventHandler: an organisation’s contacts changed (ACK-04)', () => {
  it('replaces the SPOC and removes a second contact the event leaves out', async () => {
    const { handler, updated } = handlerWith(true);
    await handler.execute(
      typedEvent(DIRECTORY_EVENTS, DirectoryEventType.OrganisationContactsChanged, {
        organisationId: 'leeds-cjit',
        spoc: SPOC,
      }),
    );
    expect(updated).toEqual([
      {
        entity: RecipientOrganisationEntity,
        where: { organisationId: 'leeds-cjit' },
        values: { spoc: SPOC, secondContact: null },
      },
    ]);
  });

  it('changes nothing for a change it already applied (the inbox claim fails)', async () => {
    const { handler, updated } = handlerWith(false);
    await handler.execute(
      typedEvent(DIRECTORY_EVENTS, DirectoryEventType.OrganisationContactsChanged, {
        organisationId: 'leeds-cjit',
        spoc: SPOC,
        secondContact: SPOC,
      }),
    );
    expect(updated).toEqual([]);
  });
});
