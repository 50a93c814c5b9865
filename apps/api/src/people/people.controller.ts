import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Param,
  Query,
  UseGuards,
} from '@nestjs/common';

import { addDays, localDate } from '@throughcare/calendar';
import { CLOCK, type Clock } from '@throughcare/clock';
import { ReleasesQueryV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { validationProblem } from '../http/problem-details';
import { PeopleQueries, type TimelineEntry, type UpcomingRelease } from './people.queries';
import { PersonAccessGuard } from '../person/person-access.guard';
import { PersonQueries } from '../person/person.queries';
import { assertCallerCovers } from '../auth/establishment-scope';

const DEFAULT_WINDOW_DAYS = 84;

@Controller('v1')
@UseGuards(ApiKeyGuard)
@AllowRoles('prison')
export class PeopleController {
  constructor(
    private readonly queries: PeopleQueries,
    private readonly person: PersonQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Every event, notice, consent version, risk override and disclosure decision, in order. */
  @Get('people/:prisonNumber/timeline')
  @UseGuards(PersonAccessGuard)
  async timeline(
    @Param('prisonNumber') prisonNumber: string,
  ): Promise<{ prisonNumber: string; establishments: string[]; entries: TimelineEntry[] }> {
    return {
      prisonNumber,
      // Where the person's events place them (ACC-6): the console opens a person's page only for
      // staff of one of these (docs/console.md).
      establishments: (await this.person.establishmentsOf(prisonNumber)).sort(),
      entries: await this.queries.timeline(prisonNumber),
    };
  }

  /** Upcoming releases from a prison, with the state of each throughcare step and its risks. */
  @Get('releases')
  async releases(
    @Query() query: ReleasesQueryV1,
    @CurrentCaller() caller: Caller,
  ): Promise<{ releases: UpcomingRelease[] }> {
    assertCallerCovers(
      caller,
      query.establishment,
      `This key may read only ${caller.establishments.join(', ')}`,
    );
    const today = localDate(this.clock.now(), 'Europe/London');
    const from = query.from ?? today;
    const to = query.to ?? addDays(from, DEFAULT_WINDOW_DAYS);
    if (to < from)
      throw new BadRequestException(
        validationProblem([{ field: 'to', messages: ['to must not be before from'] }]),
      );
    return {
      releases: await this.queries.upcomingReleases(query.establishment, from, to, today),
    };
  }
}
