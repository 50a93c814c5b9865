import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';

import { PRISON_NUMBER_PATTERN } from '@throughcare/contracts';

import type { AuthenticatedRequest } from '../auth/caller';
import { problem } from '../http/problem-details';
import { PeopleQueries } from './people.queries';

/**
 * Routes under `/v1/people/{prisonNumber}`: 404 when the hub has no record of the person, and a
 * prison key reaches only people with events at one of its establishments (contract.md §3).
 * Runs after ApiKeyGuard, which names the caller.
 */
@Injectable()
export class PersonAccessGuard implements CanActivate {
  constructor(private readonly queries: PeopleQueries) {}

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
    if (!(await this.queries.person(prisonNumber))) {
      throw new NotFoundException(
        problem(404, 'not-found', 'No such person', `The hub has no record of ${prisonNumber}`),
      );
    }
    if (caller.role !== 'prison') return true;
    const theirs = await this.queries.establishmentsOf(prisonNumber);
    if (!theirs.some((code) => caller.establishments.includes(code))) {
      throw new ForbiddenException(
        problem(
          403,
          'forbidden',
          'Not your establishment',
          'This person has no events at your establishments',
        ),
      );
    }
    return true;
  }
}
