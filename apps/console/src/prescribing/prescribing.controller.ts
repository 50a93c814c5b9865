import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import type { StaffIdentity } from '../accounts/staff-account';
import { AuditLog } from '../audit/audit-log';
import { ForRoles, SignedInPerson, type ConsoleRequest } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { HubApi } from '../hub-api/hub-api.client';
import { errorSummary, fieldErrors, type FormErrors } from '../people/person-forms';
import { type BridgingRequest, issuedBody, prescriberQueue } from './prescribing';

/** The prescriber's queue of open bridging requests at their establishments (OST-03 to OST-08). */
@Controller('prescribing')
@ForRoles('prescriber')
export class PrescribingController {
  constructor(
    private readonly api: HubApi,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async queue(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
  ): Promise<void> {
    await this.render(request, response, identity, {});
  }

  @Post(':id/issued')
  async issue(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Param('id') id: string,
    @Body() form: Record<string, unknown>,
  ): Promise<void> {
    // Only a request at the prescriber's own establishments (CSL-4): the console's key sees all.
    const request_ = (await this.openRequests(identity)).find((r) => r.id === id);
    if (!request_) throw new NotFoundException();
    const answer = await this.api.post(
      `/v1/prescribing/bridging-requests/${id}/issued`,
      issuedBody(form, identity, new Date()),
    );
    if (!answer.ok) {
      const errors: FormErrors = {
        form: `issue-${id}`,
        fields: answer.fields,
        title: answer.detail ?? answer.title,
      };
      response.status(answer.status >= 500 ? 502 : 400);
      return this.render(request, response, identity, { errors, values: { [id]: form } });
    }
    await this.audit.record(identity, 'issued-bridging-script', {
      prisonNumber: request_.prisonNumber,
      detail: `${id} ${String(form['form'] ?? '')}`,
    });
    response.redirect(303, '/prescribing?issued=1');
  }

  private async openRequests(identity: StaffIdentity): Promise<BridgingRequest[]> {
    const all: BridgingRequest[] = [];
    for (const establishment of identity.establishments) {
      const answer = await this.api.get<BridgingRequest[]>(
        `/v1/prescribing/bridging-requests?status=OPEN&establishment=${establishment}`,
      );
      if (!answer.ok) throw new Error(`bridging requests answered ${answer.status}`);
      all.push(...answer.body);
    }
    return prescriberQueue(all);
  }

  private async render(
    request: ConsoleRequest,
    response: Response,
    identity: StaffIdentity,
    extra: { errors?: FormErrors; values?: Record<string, unknown> },
  ): Promise<void> {
    const requests = await this.openRequests(identity);
    await this.audit.record(identity, 'viewed-prescribing-queue', {
      detail: identity.establishments.join(','),
    });
    response.render('prescribing/queue.njk', {
      ...pageContext(request),
      requests,
      issued: request.query['issued'] === '1',
      errors: extra.errors,
      errorList: extra.errors ? errorSummary(extra.errors) : undefined,
      fieldErrors: fieldErrors(extra.errors),
      values: extra.values ?? {},
    });
  }
}
