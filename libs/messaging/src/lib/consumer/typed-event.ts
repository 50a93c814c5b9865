import { buildCloudEvent } from '@throughcare/contracts';

import type { ConsumerDeclaration, EventOf } from './consumer-declaration';

/**
 * An event as the runner hands it to a handler of `declaration`, for tests that call a handler
 * directly (the runner itself builds these from validated messages).
 */
export function typedEvent<
  Decl extends ConsumerDeclaration,
  K extends keyof Decl['classes'] & string,
>(
  declaration: Decl,
  type: K,
  data: EventOf<Decl, K>['data'],
  fields: { id?: string; time?: Date; extensions?: EventOf<Decl, K>['extensions'] } = {},
): EventOf<Decl, K> {
  const envelope = buildCloudEvent({
    id: fields.id ?? globalThis.crypto.randomUUID(),
    type,
    time: fields.time ?? new Date(),
    data,
  });
  const event = {
    topic: declaration.topic,
    type,
    data,
    extensions: fields.extensions ?? {},
    envelope,
  };
  return event as EventOf<Decl, K>;
}
