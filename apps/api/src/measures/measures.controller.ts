import { BadRequestException, Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';

import { throughcareMeasures, type ThroughcareMeasures } from '@throughcare/continuity-rules';
import { MeasuresQueryV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { validationProblem } from '../http/problem-details';
import { MeasuresQueries } from './measures.queries';
import { assertCallerCovers } from '../auth/establishment-scope';

const MAX_DAYS = 366;

/**
 * `GET /v1/measures?establishment=&from=&to=` (issue #6): the throughcare measures over the
 * releases that happened with release dates in the window (MEA-01 to
 * MEA-06). A prison key asks about its own establishments.
 */
@Controller('v1/measures')
@UseGuards(ApiKeyGuard)
@AllowRoles('prison')
export class MeasuresController {
  constructor(
    private readonly queries: MeasuresQueries,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Get()
  async measures(
    @Query() query: MeasuresQueryV1,
    @CurrentCaller() caller: Caller,
  ): Promise<ThroughcareMeasures> {
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days < 0 || days > MAX_DAYS)
      throw new BadRequestException(
        validationProblem([
          {
            field: 'to',
            messages: [`to must be on or after from, and at most ${MAX_DAYS} days after it`],
          },
        ]),
      );
    if (caller.role === 'prison' && !query.establishment)
      throw new BadRequestException(
        validationProblem([
          {
            field: 'establishment',
            messages: ['a prison key must name one of its establishments'],
          },
        ]),
      );
    assertCallerCovers(caller, query.establishment);
    const facts = await this.queries.releaseFacts(query.from, query.to);
    const acknowledgements = await this.queries.acknowledgementFacts(facts);
    return throughcareMeasures(
      facts,
      {
        from: query.from,
        to: query.to,
        ...(query.establishment ? { establishment: query.establishment } : {}),
      },
      { onTimeGraceSeconds: this.config.measuresOnTimeGraceSeconds },
      acknowledgements,
    );
  }
}
