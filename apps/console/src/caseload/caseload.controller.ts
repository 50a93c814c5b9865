import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import type { StaffIdentity } from '../accounts/staff-account';
import { AuditLog } from '../audit/audit-log';
import { ForRoles, SignedInPerson, type ConsoleRequest, NotYours } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { HubApi } from '../hub-api/hub-api.client';
import { londonToday, addDays } from '../http/london-date';
import { type ApiRelease, CASELOAD_WINDOW_DAYS, caseloadRows } from './caseload';

@Controller('caseload')
@ForRoles('release-team', 'healthcare', 'prescriber')
export class CaseloadController {
  constructor(
    private readonly api: HubApi,
    private readonly audit: AuditLog,
  ) {}

  /** Upcoming releases from the person's establishments, next six weeks, at risk first (CSL-6). */
  @Get()
  async caseload(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Query('establishment') asked?: string,
  ): Promise<void> {
    const establishments =
      identity.role === 'admin'
        ? asked && /^[A-Z]{3}$/.test(asked)
          ? [asked]
          : []
        : identity.establishments;
    if (asked && identity.role !== 'admin' && !identity.establishments.includes(asked))
      throw new NotYours();
    const shown = asked ? [asked] : establishments;
    const today = londonToday();
    const to = addDays(today, CASELOAD_WINDOW_DAYS);
    const releases: ApiRelease[] = [];
    for (const establishment of shown) {
      const answer = await this.api.get<{ releases: ApiRelease[] }>(
        `/v1/releases?establishment=${establishment}&from=${today}&to=${to}`,
      );
      if (!answer.ok) throw new Error(`GET /v1/releases answered ${answer.status}`);
      releases.push(...answer.body.releases);
    }
    await this.audit.record(identity, 'viewed-caseload', { detail: shown.join(',') });
    const rows = caseloadRows(releases, today);
    response.render('caseload/caseload.njk', {
      ...pageContext(request),
      rows,
      establishments: shown,
      atRiskCount: rows.filter((r) => r.atRisk).length,
      today,
      to,
    });
  }
}
