import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  NotFoundException,
} from '@nestjs/common';

import { PRISON_NUMBER_PATTERN } from '@throughcare/contracts';

import type { AuthenticatedRequest, Caller } from '../auth/caller';
import { problem } from '../http/problem-details';
import { PersonQueries } from './person.queries';

/**
 * Routes under `/v1/people/{prisonNumber}` (docs/security/access-rules.md ACC-6): a prison key
 * reaches only people its establishments have held, as placed there by accepted custody events
 * (which ACC-2 to ACC-5 now vouch for); admin reaches everyone. Everyone else gets the same 404
 * as for a person the hub has never seen, so another prison learns nothing of their existence.
 * Runs after ApiKeyGuard, which names the caller.
 */
@Injectable()
export class PersonAccessGuard implements CanActivate {
  constructor(private readonly queries: PersonQueries) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = request.caller;
    if (!caller) throw new Error('PersonAccessGuard must run after ApiKeyGuard');
    const prisonNumber = String(request.params['prisonNumber'] ?? '');
    if (!PRISON_NUMBER_PATTERN.test(prisonNumber)) {
      throw new NotFoundException(
        problem(404, 'not-found', 'No such person', 'prisonNumber must look like A1234BC'),
      );
    }
    if (!(await this.reaches(caller, prisonNumber))) {
      throw new NotFoundException(
        problem(404, 'not-found', 'No such person', `The hub has no record of ${prisonNumber}`),
      );
    }
    return true;
  }

  private async reaches(caller: Caller, prisonNumber: string): Promise<boolean> {
    if (!(await this.queries.person(prisonNumber))) return false;
    if (caller.role !== 'prison') return true;
    const held = await this.queries.establishmentsOf(prisonNumber);
    return held.some((code) => caller.establishments.includes(code));
  }
}
