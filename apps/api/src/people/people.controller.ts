import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  UseGuards,
} from '@nestjs/common';

import { addDays, localDate } from '@throughcare/calendar';
import { CLOCK, type Clock } from '@throughcare/clock';
import { PRISON_NUMBER_PATTERN, ReleasesQueryV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { problem, validationProblem } from '../http/problem-details';
import { PeopleQueries, type TimelineEntry, type UpcomingRelease } from './people.queries';

const DEFAULT_WINDOW_DAYS = 84;

@Controller('v1')
@UseGuards(ApiKeyGuard)
@AllowRoles('prison')
export class PeopleController {
  constructor(
    private readonly queries: PeopleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every event and notice for the person, in the order they happened. */
  @Get('people/:prisonNumber/timeline')
  async timeline(
    @Param('prisonNumber') prisonNumber: string,
    @CurrentCaller() caller: Caller,
  ): Promise<{ prisonNumber: string; entries: TimelineEntry[] }> {
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
    if (caller.role === 'prison') {
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
    }
    return { prisonNumber, entries: await this.queries.timeline(prisonNumber) };
  }

  /** Upcoming releases from a prison, with the state of each notice step. */
  @Get('releases')
  async releases(
    @Query() query: ReleasesQueryV1,
    @CurrentCaller() caller: Caller,
  ): Promise<{ releases: UpcomingRelease[] }> {
    if (caller.role === 'prison' && !caller.establishments.includes(query.establishment)) {
      throw new ForbiddenException(
        problem(
          403,
          'forbidden',
          'Not your establishment',
          `This key may read only ${caller.establishments.join(', ')}`,
        ),
      );
    }
    const from = query.from ?? localDate(this.clock.now(), 'Europe/London');
    const to = query.to ?? addDays(from, DEFAULT_WINDOW_DAYS);
    if (to < from)
      throw new BadRequestException(
        validationProblem([{ field: 'to', messages: ['to must not be before from'] }]),
      );
    return { releases: await this.queries.upcomingReleases(query.establishment, from, to) };
  }
}
