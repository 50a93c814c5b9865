import { ForbiddenException } from '@nestjs/common';

import type { IntakeAccess } from '@throughcare/custody';

import { problem } from '../http/problem-details';

/**
 * A refused intake event is a 403 naming the rule (docs/security/access-rules.md). The detail
 * never says where, or whether, the person is held (ACC-3, ACC-4): only that this key may not.
 */
export function assertMayReport(access: IntakeAccess): void {
  if (access.allowed) return;
  throw new ForbiddenException(
    problem(403, 'forbidden', 'Not your establishment', `${access.reason} (${access.rule})`),
  );
}
