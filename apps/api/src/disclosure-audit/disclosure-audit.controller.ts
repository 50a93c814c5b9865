import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Logger,
  Param,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';

import { CLOCK, type Clock } from '@throughcare/clock';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { validationProblem } from '../http/problem-details';
import { PersonAccessGuard } from '../person/person-access.guard';
import { DisclosureAuditQueries, type DisclosureRecordView } from './disclosure-audit.queries';
import { disclosuresToCsv } from './disclosure-export.csv';

const EXPORT_FORMATS = ['json', 'csv'] as const;

export interface DisclosureExport {
  prisonNumber: string;
  exportedAt: string;
  disclosures: DisclosureRecordView[];
}

/**
 * Every disclosure decision about a person, made or withheld, with the fields and the rule
 * (DIS-15): the audit export for data protection subject access requests.
 * Admin only.
 */
@Controller('v1/people/:prisonNumber')
@UseGuards(ApiKeyGuard, PersonAccessGuard)
@AllowRoles('admin')
export class DisclosureAuditController {
  private readonly logger = new Logger(DisclosureAuditController.name);

  constructor(
    private readonly queries: DisclosureAuditQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('disclosures')
  async exportDisclosures(
    @Param('prisonNumber') prisonNumber: string,
    @Query('format') format: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DisclosureExport | string> {
    if (format !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new BadRequestException(
        validationProblem([{ field: 'format', messages: ['format must be one of json, csv'] }]),
      );
    }
    const disclosures = await this.queries.disclosuresOf(prisonNumber);
    const exportedAt = this.clock.now().toISOString();
    // The export itself is a use of the person's data: say who took it (ids only).
    this.logger.log(
      `disclosure export of ${prisonNumber} (${disclosures.length} decisions) by ${caller.organisationId ?? 'admin'}`,
    );
    if (format !== 'csv') return { prisonNumber, exportedAt, disclosures };
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="disclosures-${prisonNumber}-${exportedAt.slice(0, 10)}.csv"`,
    );
    return disclosuresToCsv(disclosures);
  }
}
