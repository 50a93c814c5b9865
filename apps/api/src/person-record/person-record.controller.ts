import { Body, Controller, HttpCode, Param, Post, Put, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';

import { DirV1, NaloxoneOutcomeV1, OstPlanV1 } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { answerWith } from '../idempotency/idempotency-key.header';
import { Write, type WriteRoute } from '../idempotency/write-route';
import { PersonAccessGuard } from '../person/person-access.guard';
import { RecordDirHandler, type DirVersionView } from './record-dir.handler';
import {
  RecordReleaseMedicinesHandler,
  type NaloxoneView,
  type OstPlanView,
} from './record-release-medicines.handler';
import { assertCallerCovers } from '../auth/establishment-scope';

/**
 * The clinical-continuity part of the person record (docs/hub-interface.md §3): the DIR, the OST plan and
 * the naloxone outcome. Prison keys (for people with events at their establishments) and admin.
 */
@Controller('v1/people/:prisonNumber')
@UseGuards(ApiKeyGuard, PersonAccessGuard)
@AllowRoles('prison')
export class PersonRecordController {
  constructor(
    private readonly recordDir: RecordDirHandler,
    private readonly releaseMedicines: RecordReleaseMedicinesHandler,
  ) {}

  /** 201 when this PUT created the episode's DIR, 200 when it added a version. */
  @Put('dir')
  async putDir(
    @Param('prisonNumber') prisonNumber: string,
    @Body() dir: DirV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DirVersionView> {
    // A prison writes the DIR only as the prison it is (the holder at recordedAt is checked next).
    assertCallerCovers(caller, dir.establishment);
    const outcome = await this.recordDir.execute({ prisonNumber, dir, caller, route });
    // Version 1 is the PUT that created the DIR; a replay of it answers as it did (201).
    response.status(outcome.body.version === 1 ? 201 : 200);
    return answerWith(response, outcome);
  }

  @Put('ost-plan')
  @HttpCode(200)
  async putOstPlan(
    @Param('prisonNumber') prisonNumber: string,
    @Body() plan: OstPlanV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OstPlanView> {
    const outcome = await this.releaseMedicines.recordOstPlan({
      prisonNumber,
      body: plan,
      caller,
      route,
    });
    return answerWith(response, outcome);
  }

  @Post('naloxone')
  @HttpCode(201)
  async postNaloxone(
    @Param('prisonNumber') prisonNumber: string,
    @Body() outcome: NaloxoneOutcomeV1,
    @CurrentCaller() caller: Caller,
    @Write() route: WriteRoute,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NaloxoneView> {
    const written = await this.releaseMedicines.recordNaloxone({
      prisonNumber,
      body: outcome,
      caller,
      route,
    });
    return answerWith(response, written);
  }
}
