import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';

import { IntakeEventType, ReleasePlannedV1, Topics } from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { RecordIntakeEventHandler, type IntakeAccepted } from './record-intake-event.handler';

/** Intake for release teams and prison systems (contract.md §3). */
@Controller('v1/events')
@UseGuards(ApiKeyGuard)
export class IntakeController {
  constructor(private readonly recordIntakeEvent: RecordIntakeEventHandler) {}

  @Post('release')
  @HttpCode(202)
  @AllowRoles('prison')
  recordRelease(@Body() release: ReleasePlannedV1): Promise<IntakeAccepted> {
    return this.recordIntakeEvent.execute({
      type: IntakeEventType.ReleasePlanned,
      topic: Topics.Release,
      eventId: release.eventId,
      prisonNumber: release.prisonNumber,
      establishment: release.establishment,
      data: release,
    });
  }
}
