import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';

import { coversEstablishment, type StaffIdentity } from '../accounts/staff-account';
import { AuditLog } from '../audit/audit-log';
import { ForRoles, NotYours, SignedInPerson, type ConsoleRequest } from '../http/console-request';
import { pageContext } from '../http/page-context';
import { HubApi } from '../hub-api/hub-api.client';
import {
  consentBody,
  courtReleaseBody,
  dirBody,
  dischargeBody,
  errorSummary,
  fieldErrors,
  latestCustodyEpisode,
  naloxoneBody,
  ostPlanBody,
  releaseBody,
  releaseCancelledBody,
  transferBody,
  type FormContext,
  type FormErrors,
} from './person-forms';

interface Timeline {
  prisonNumber: string;
  establishments?: string[];
  entries: Array<{ at: string; kind: string; type: string; summary: string }>;
}

const PRISON_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/;

/** The establishment a write is recorded for: the first of the person's that the signed-in
 * person works at (CSL-4). */
function actingEstablishment(identity: StaffIdentity, timeline: Timeline): string {
  return (timeline.establishments ?? []).find((e) => coversEstablishment(identity, e)) ?? '';
}

/**
 * A person's page (CSL-4, CSL-5): only for someone whose establishments have held the person, and
 * every opening of it is audited, refused ones too.
 */
@Controller('people/:prisonNumber')
@ForRoles('release-team', 'healthcare', 'prescriber')
export class PersonPageController {
  constructor(
    private readonly api: HubApi,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  async show(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Param('prisonNumber') prisonNumber: string,
  ): Promise<void> {
    const timeline = await this.openFor(identity, prisonNumber);
    await this.audit.record(identity, 'viewed-person', { prisonNumber, detail: 'timeline' });
    this.render(request, response, timeline, {});
  }

  /** Each form's API call (docs/hub-interface.md §3) and how the form becomes its body. */
  private static readonly FORMS: Record<
    string,
    {
      method: 'post' | 'put';
      path: string;
      done: string;
      body: (
        form: Record<string, unknown>,
        identity: StaffIdentity,
        now: Date,
        context: FormContext,
      ) => object;
    }
  > = {
    naloxone: {
      method: 'post',
      path: 'naloxone',
      done: 'Naloxone outcome recorded',
      body: naloxoneBody,
    },
    consent: { method: 'put', path: 'consent', done: 'Consent recorded', body: consentBody },
    ost: { method: 'put', path: 'ost-plan', done: 'OST plan recorded', body: ostPlanBody },
    dir: { method: 'put', path: 'dir', done: 'Drug Interventions Record recorded', body: dirBody },
    release: {
      method: 'post',
      path: '/v1/events/release',
      done: 'Release date recorded',
      body: releaseBody,
    },
    'release-cancelled': {
      method: 'post',
      path: '/v1/events/release-cancelled',
      done: 'Release cancelled',
      body: releaseCancelledBody,
    },
    transfer: {
      method: 'post',
      path: '/v1/events/transfer',
      done: 'Transfer recorded',
      body: transferBody,
    },
    discharge: {
      method: 'post',
      path: '/v1/events/discharge',
      done: 'Discharge recorded',
      body: dischargeBody,
    },
    'court-release': {
      method: 'post',
      path: '/v1/events/court-release',
      done: 'Release from court recorded',
      body: courtReleaseBody,
    },
  };

  @Post(':form')
  async record(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @SignedInPerson() identity: StaffIdentity,
    @Param('prisonNumber') prisonNumber: string,
    @Param('form') formName: string,
    @Body() form: Record<string, unknown>,
  ): Promise<void> {
    const kind = PersonPageController.FORMS[formName];
    if (!kind) throw new NotFoundException();
    const timeline = await this.openFor(identity, prisonNumber);
    // The signed-in person, not a typed name, is who recorded it (CSL-5).
    const establishment = actingEstablishment(identity, timeline);
    const body = kind.body(form, identity, new Date(), {
      prisonNumber,
      establishment,
      custodyEpisode: latestCustodyEpisode(timeline.entries),
    });
    const path = kind.path.startsWith('/') ? kind.path : `/v1/people/${prisonNumber}/${kind.path}`;
    const answer =
      kind.method === 'post' ? await this.api.post(path, body) : await this.api.put(path, body);
    if (!answer.ok) {
      const errors: FormErrors = {
        form: formName,
        fields: answer.fields,
        title: answer.detail ?? answer.title,
      };
      response.status(answer.status >= 500 ? 502 : answer.status === 404 ? 404 : 400);
      return this.render(request, response, timeline, { errors, values: { [formName]: form } });
    }
    await this.audit.record(identity, 'recorded-person-form', { prisonNumber, detail: formName });
    response.redirect(303, `/people/${prisonNumber}?recorded=${formName}`);
  }

  /** The person's timeline if the signed-in person may open it; 403 (and audited) if not. */
  private async openFor(identity: StaffIdentity, prisonNumber: string): Promise<Timeline> {
    if (!PRISON_NUMBER.test(prisonNumber)) throw new NotFoundException();
    const answer = await this.api.get<Timeline>(`/v1/people/${prisonNumber}/timeline`);
    if (!answer.ok && answer.status === 404) throw new NotFoundException();
    if (!answer.ok) throw new Error(`GET timeline answered ${answer.status}`);
    const held = answer.body.establishments ?? [];
    if (!held.some((establishment) => coversEstablishment(identity, establishment))) {
      await this.audit.record(identity, 'refused-person', {
        prisonNumber,
        detail: 'not at your establishments',
      });
      throw new NotYours('You can only open the records of people held at your establishments.');
    }
    return answer.body;
  }

  private render(
    request: ConsoleRequest,
    response: Response,
    timeline: Timeline,
    extra: { errors?: FormErrors; values?: Record<string, unknown> },
  ): void {
    const identity = request.consoleSession?.data.identity;
    response.render('people/person.njk', {
      ...pageContext(request),
      prisonNumber: timeline.prisonNumber,
      entries: [...timeline.entries].reverse(),
      custodyEpisode: latestCustodyEpisode(timeline.entries),
      establishment: identity ? actingEstablishment(identity, timeline) : undefined,
      recorded: PersonPageController.FORMS[String(request.query['recorded'])]?.done,
      errors: extra.errors,
      errorList: extra.errors ? errorSummary(extra.errors) : undefined,
      fieldErrors: fieldErrors(extra.errors),
      values: extra.values ?? {},
    });
  }
}
