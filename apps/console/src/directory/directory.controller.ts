import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';

import type { StaffIdentity } from '../accounts/staff-account';
import { AuditLog } from '../audit/audit-log';
import { HubApi } from '../hub-api/hub-api.client';
import { ForRoles, SignedInPerson, type ConsoleRequest } from '../http/console-request';
import { pageContext } from '../http/page-context';
import {
  API_KEY_ROLES,
  apiKeyFormProblems,
  CONTACT_FIELDS,
  contactFieldOf,
  type ContactsForm,
  contactsFormOf,
  contactsFromForm,
  establishmentsOf,
  type Organisation,
  organisationRows,
  organisationSummary,
  type Subscription,
  subscriptionRows,
} from './directory-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface IssuedKey {
  id: string;
  organisationId: string;
  role: string;
  establishments: string[];
  key: string;
}

/**
 * Admins' view of the hub's directory through the API (docs/console.md): organisations, their
 * webhooks (switching a disabled one back on) and API keys (issuing, revoking). Every write is
 * audited with the signed-in person (CSL-5); the API records the console's key.
 */
@Controller('admin')
@ForRoles('admin')
export class DirectoryController {
  constructor(
    private readonly api: HubApi,
    private readonly audit: AuditLog,
  ) {}

  @Get('organisations')
  async organisations(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
  ): Promise<void> {
    const answer = await this.api.get<{ organisations: Organisation[] }>('/v1/organisations');
    if (!answer.ok) throw new Error(`GET /v1/organisations answered ${answer.status}`);
    await this.audit.record(identity, 'viewed-directory', { detail: 'organisations' });
    response.render('directory/organisations.njk', {
      ...pageContext(request),
      organisations: organisationRows(answer.body.organisations),
    });
  }

  @Get('organisations/:organisationId')
  async organisation(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Param('organisationId') organisationId: string,
  ): Promise<void> {
    if (!/^[a-z0-9-]{3,64}$/.test(organisationId)) throw new NotFoundException();
    const [organisations, subscriptions] = await Promise.all([
      this.api.get<{ organisations: Organisation[] }>('/v1/organisations'),
      this.api.get<{ subscriptions: Subscription[] }>(
        `/v1/subscriptions?organisationId=${organisationId}`,
      ),
    ]);
    if (!organisations.ok || !subscriptions.ok)
      throw new Error(`the directory answered ${organisations.status}, ${subscriptions.status}`);
    const organisation = organisations.body.organisations.find(
      (o) => o.organisationId === organisationId,
    );
    if (!organisation) throw new NotFoundException();
    await this.audit.record(identity, 'viewed-directory', { detail: organisationId });
    response.render('directory/organisation.njk', {
      ...pageContext(request),
      organisation: organisationSummary(organisation, subscriptions.body.subscriptions),
    });
  }

  @Get('organisations/:organisationId/contacts')
  async contactsForm(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('organisationId') organisationId: string,
  ): Promise<void> {
    const organisation = await this.organisationOf(organisationId);
    response.render('directory/contacts.njk', {
      ...pageContext(request),
      organisation,
      values: contactsFormOf(organisation),
    });
  }

  /** Replaces the SPOC and second contact through the API; the notifier's e-mails follow. */
  @Post('organisations/:organisationId/contacts')
  async changeContacts(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Param('organisationId') organisationId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const organisation = await this.organisationOf(organisationId);
    const form = Object.fromEntries(
      CONTACT_FIELDS.map((field) => [
        field,
        String(body[field] ?? '')
          .trim()
          .slice(0, 300),
      ]),
    ) as ContactsForm;
    const { body: contacts, problems } = contactsFromForm(form);
    if (contacts) {
      const answer = await this.api.put<Organisation>(
        `/v1/organisations/${organisationId}/contacts`,
        contacts,
      );
      if (answer.ok) {
        await this.audit.record(identity, 'changed-organisation-contacts', {
          detail: organisationId,
        });
        return response.redirect(303, `/admin/organisations/${organisationId}`);
      }
      if (answer.status !== 400 || answer.fields.length === 0)
        throw new Error(`PUT contacts answered ${answer.status}`);
      for (const field of answer.fields)
        problems.push({ field: contactFieldOf(field.field), message: field.detail });
    }
    response.status(400).render('directory/contacts.njk', {
      ...pageContext(request),
      organisation,
      values: form,
      errorList: problems.map((p) => ({ text: p.message, href: `#contact-${p.field}` })),
      fieldErrors: Object.fromEntries(problems.map((p) => [p.field, p.message])),
    });
  }

  @Get('subscriptions')
  async subscriptions(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Query('enabled') enabled?: string,
  ): Promise<void> {
    const answer = await this.api.get<{ subscriptions: Subscription[] }>('/v1/subscriptions');
    if (!answer.ok) throw new Error(`GET /v1/subscriptions answered ${answer.status}`);
    await this.audit.record(identity, 'viewed-directory', { detail: 'subscriptions' });
    response.render('directory/subscriptions.njk', {
      ...pageContext(request),
      subscriptions: subscriptionRows(answer.body.subscriptions),
      enabled: enabled && UUID.test(enabled) ? enabled : undefined,
    });
  }

  /** Switches a disabled endpoint back on: the notices that waited go out in order. */
  @Post('subscriptions/:id/enable')
  async enable(
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Param('id') id: string,
  ): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundException();
    const answer = await this.api.post<Subscription>(`/v1/subscriptions/${id}/enable`, {});
    if (answer.status === 404) throw new NotFoundException();
    if (!answer.ok) throw new Error(`enable answered ${answer.status}`);
    await this.audit.record(identity, 'enabled-subscription', {
      detail: `${id} of ${answer.body.organisationId}`,
    });
    response.redirect(303, `/admin/subscriptions?enabled=${id}`);
  }

  @Get('api-keys')
  apiKeys(@Req() request: ConsoleRequest, @Res() response: Response): void {
    this.renderApiKeys(request, response, {});
  }

  /** Issues a key; the page shows it this once (the hub keeps only its hash). */
  @Post('api-keys')
  @HttpCode(200)
  async issue(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const form = {
      organisationId: String(body['organisationId'] ?? '').trim(),
      role: String(body['role'] ?? ''),
      establishments: String(body['establishments'] ?? '').trim(),
    };
    const problems = apiKeyFormProblems(form);
    if (problems.length === 0) {
      const establishments = establishmentsOf(form.establishments);
      const answer = await this.api.post<IssuedKey>('/v1/api-keys', {
        organisationId: form.organisationId,
        role: form.role,
        ...(establishments.length > 0 ? { establishments } : {}),
      });
      if (answer.ok) {
        await this.audit.record(identity, 'issued-api-key', {
          detail: `${answer.body.id}: ${answer.body.role} for ${answer.body.organisationId}`,
        });
        return this.renderApiKeys(request, response, { issued: answer.body });
      }
      if (answer.status === 404)
        problems.push({ field: 'organisationId', message: 'No organisation has this id' });
      else if (answer.fields.length > 0)
        for (const field of answer.fields)
          problems.push({ field: field.field.split('.')[0] ?? 'role', message: field.detail });
      else throw new Error(`POST /v1/api-keys answered ${answer.status}`);
    }
    response.status(400);
    this.renderApiKeys(request, response, { problems, values: form });
  }

  /** Revokes a key by the id it was issued with: it stops working at once. */
  @Post('api-keys/revoke')
  @HttpCode(200)
  async revoke(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const id = String(body['keyId'] ?? '').trim();
    const refuse = (message: string) => {
      response.status(400);
      this.renderApiKeys(request, response, {
        problems: [{ field: 'keyId', message }],
        values: { keyId: id },
      });
    };
    if (!UUID.test(id))
      return refuse('Enter the key id, like 0b7e4c2a-5d1f-4a8e-9c3b-2f6d8e1a7b90');
    const answer = await this.api.delete(`/v1/api-keys/${id}`);
    if (answer.status === 404) return refuse('No active key has this id');
    if (!answer.ok) throw new Error(`DELETE /v1/api-keys answered ${answer.status}`);
    await this.audit.record(identity, 'revoked-api-key', { detail: id });
    this.renderApiKeys(request, response, { revoked: id });
  }

  private async organisationOf(organisationId: string): Promise<Organisation> {
    if (!/^[a-z0-9-]{3,64}$/.test(organisationId)) throw new NotFoundException();
    const answer = await this.api.get<{ organisations: Organisation[] }>('/v1/organisations');
    if (!answer.ok) throw new Error(`GET /v1/organisations answered ${answer.status}`);
    const organisation = answer.body.organisations.find((o) => o.organisationId === organisationId);
    if (!organisation) throw new NotFoundException();
    return organisation;
  }

  private renderApiKeys(
    request: ConsoleRequest,
    response: Response,
    extra: {
      problems?: Array<{ field: string; message: string }>;
      values?: Record<string, string>;
      issued?: IssuedKey;
      revoked?: string;
    },
  ): void {
    response.render('directory/api-keys.njk', {
      ...pageContext(request),
      roles: API_KEY_ROLES.map((value) => ({ value, text: value })),
      errorList: extra.problems?.map((p) => ({ text: p.message, href: `#key-${p.field}` })),
      fieldErrors: Object.fromEntries((extra.problems ?? []).map((p) => [p.field, p.message])),
      values: extra.values ?? {},
      issued: extra.issued,
      revoked: extra.revoked,
    });
  }
}
