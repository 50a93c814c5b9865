import { Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import type { StaffIdentity } from '../accounts/staff-account';
import { AuditLog } from '../audit/audit-log';
import { ForRoles, NotYours, SignedInPerson, type ConsoleRequest } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { HubApi } from '../hub-api/hub-api.client';
import { type Delivery, deliveriesForRecipient, REPLAYABLE } from './deliveries';

/**
 * Community services and probation: the notices their organisation was sent, each delivery's
 * attempts, the health of their endpoint, and replay (docs/hub-interface.md §3). Only their own
 * organisation's (CSL-1): the console asks the API for that organisation and no other.
 */
@Controller('deliveries')
@ForRoles('community-service', 'probation')
export class DeliveriesController {
  constructor(
    private readonly api: HubApi,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async list(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
  ): Promise<void> {
    const organisationId = this.organisationOf(identity);
    const answer = await this.api.get<{ deliveries: Delivery[] }>(
      `/v1/deliveries?organisationId=${organisationId}&limit=100`,
    );
    if (!answer.ok) throw new Error(`deliveries answered ${answer.status}`);
    await this.audit.record(identity, 'viewed-deliveries', { detail: organisationId });
    response.render('deliveries/deliveries.njk', {
      ...pageContext(request),
      organisationId,
      replayed: request.query['replayed'] === '1',
      ...deliveriesForRecipient(answer.body.deliveries),
    });
  }

  @Post(':deliveryId/replay')
  async replay(
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Param('deliveryId') deliveryId: string,
  ): Promise<void> {
    const organisationId = this.organisationOf(identity);
    const found = await this.api.get<Delivery>(`/v1/deliveries/${encodeURIComponent(deliveryId)}`);
    // Another organisation's delivery, or one withheld from this one, is as if it did not exist.
    if (
      !found.ok ||
      found.body.organisationId !== organisationId ||
      !REPLAYABLE.includes(found.body.status)
    )
      throw new NotFoundException();
    const answer = await this.api.post(
      `/v1/deliveries/${encodeURIComponent(deliveryId)}/replay`,
      {},
    );
    if (!answer.ok) throw new Error(`replay answered ${answer.status}`);
    await this.audit.record(identity, 'replayed-delivery', { detail: deliveryId });
    response.redirect(303, '/deliveries?replayed=1');
  }

  private organisationOf(identity: StaffIdentity): string {
    if (!identity.organisationId) throw new NotYours('Your account is bound to no organisation.');
    return identity.organisationId;
  }
}
