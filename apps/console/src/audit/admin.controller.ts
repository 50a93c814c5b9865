import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import { hashPassword, MIN_PASSWORD_LENGTH } from '../accounts/credentials';
import {
  bindingProblems,
  ROLE_NAMES,
  STAFF_ROLES,
  type StaffIdentity,
  type StaffRole,
} from '../accounts/staff-account';
import { StaffAccounts } from '../accounts/staff-accounts.repository';
import { ForRoles, SignedInPerson, type ConsoleRequest } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { AuditLog } from './audit-log';

/** Admins: who did and viewed what (CSL-5), and the staff accounts (CSL-1). */
@Controller('admin')
@ForRoles('admin')
export class AdminController {
  constructor(
    private readonly audit: AuditLog,
    private readonly accounts: StaffAccounts,
  ) {}

  @Get('audit')
  async auditPage(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Query('prisonNumber') prisonNumber?: string,
  ): Promise<void> {
    const filter =
      prisonNumber && /^[A-Z]\d{4}[A-Z]{2}$/.test(prisonNumber) ? prisonNumber : undefined;
    const events = await this.audit.latest({ prisonNumber: filter });
    response.render('admin/audit.njk', { ...pageContext(request), events, prisonNumber: filter });
  }

  @Get('accounts')
  async accountsPage(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    await this.renderAccounts(request, response, {});
  }

  @Post('accounts')
  async createAccount(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Body() form: Record<string, unknown>,
  ): Promise<void> {
    const input = {
      username: String(form['username'] ?? '')
        .trim()
        .toLowerCase(),
      displayName: String(form['displayName'] ?? '').trim(),
      role: String(form['role'] ?? ''),
      establishments: String(form['establishments'] ?? '')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((e) => e.toUpperCase()),
      organisationId: String(form['organisationId'] ?? '').trim() || null,
    };
    const password = String(form['password'] ?? '');
    const problems = bindingProblems(input);
    if (!input.displayName || input.displayName.length > 100)
      problems.push({ field: 'displayName', message: "Enter the person's full name" });
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 200)
      problems.push({
        field: 'password',
        message: `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`,
      });
    const created =
      problems.length === 0
        ? await this.accounts.create({
            ...input,
            role: input.role as StaffRole,
            passwordHash: await hashPassword(password),
            totpSecret: null,
            createdBy: identity.username,
          })
        : null;
    if (problems.length === 0 && !created)
      problems.push({ field: 'username', message: 'That username is taken' });
    if (problems.length > 0) {
      response.status(400);
      return this.renderAccounts(request, response, {
        problems,
        values: { ...input, establishments: input.establishments.join(' ') },
      });
    }
    await this.audit.record(identity, 'created-account', {
      detail: `${input.username} as ${input.role}`,
    });
    response.redirect(303, '/admin/accounts');
  }

  private async renderAccounts(
    request: ConsoleRequest,
    response: Response,
    extra: {
      problems?: Array<{ field: string; message: string }>;
      values?: Record<string, unknown>;
    },
  ): Promise<void> {
    response.render('admin/accounts.njk', {
      ...pageContext(request),
      accounts: await this.accounts.list(),
      roles: STAFF_ROLES.map((value) => ({ value, text: ROLE_NAMES[value] })),
      roleNames: ROLE_NAMES,
      errorList: extra.problems?.map((p) => ({ text: p.message, href: `#account-${p.field}` })),
      fieldErrors: Object.fromEntries((extra.problems ?? []).map((p) => [p.field, p.message])),
      values: extra.values ?? {},
    });
  }
}
