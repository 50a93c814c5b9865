import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';

import {
  CourtReleaseV1,
  IntakeEventType,
  ReceptionReceivedV1,
  ReleaseCancelledV1,
  ReleaseDischargedV1,
  ReleasePlannedV1,
  ReleaseRetractedV1,
  TransferCompletedV1,
  type IntakeEvent,
} from '@throughcare/contracts';
import { mayReportFor } from '@throughcare/custody';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { assertMayReport } from '../auth/intake-access';
import { IntakeBackpressureGuard } from './delivery-backlog';
import { RecordIntakeEventHandler, type IntakeAccepted } from './record-intake-event.handler';

/** Intake for release teams and prison systems (docs/hub-interface.md §3): each answers 202. */
@Controller('v1/events')
// Authenticated first, then refused at once (503) while delivery is too far behind.
@UseGuards(ApiKeyGuard, IntakeBackpressureGuard)
@AllowRoles('prison')
export class IntakeController {
  constructor(private readonly recordIntakeEvent: RecordIntakeEventHandler) {}

  @Post('reception')
  @HttpCode(202)
  reception(
    @Body() data: ReceptionReceivedV1,
    @CurrentCaller() caller: Caller,
  ): Promise<IntakeAccepted> {
    return this.record({ type: IntakeEventType.ReceptionReceived, data }, caller);
  }

  @Post('transfer')
  @HttpCode(202)
  transfer(
    @Body() data: TransferCompletedV1,
    @CurrentCaller() caller: Caller,
  ): Promise<IntakeAccepted> {
    return this.record({ type: IntakeEventType.TransferCompleted, data }, caller);
  }

  @Post('release')
  @HttpCode(202)
  release(
    @Body() data: ReleasePlannedV1,
    @CurrentCaller() caller: Caller,
  ): Promise<IntakeAccepted> {
    return this.record({ type: IntakeEventType.ReleasePlanned, data }, caller);
  }

  @Post('release-cancelled')
  @HttpCode(202)
  releaseCancelled(
    @Body() data: ReleaseCancelledV1,
    @CurrentCaller() caller: Caller,
  ): Promise<IntakeAccepted> {
    return this.record({ type: IntakeEventType.ReleaseCancelled, data }, caller);
  }

  @Post('discharge')
  @HttpCode(202)
  discharge(
    @Body() data: ReleaseDischargedV1,
    @CurrentCaller() caller: Caller,
  ): Promise<IntakeAccepted> {
    return this.record({ type: IntakeEventType.ReleaseDischarged, data }, caller);
  }

  @Post('court-release')
  @HttpCode(202)
  courtRelease(
    @Body() data: CourtReleaseV1,
    @CurrentCaller() caller: Caller,
  ): Promise<IntakeAccepted> {
    return this.record({ type: IntakeEventType.CourtReleaseReleased, data }, caller);
  }

  @Post('release-retracted')
  @HttpCode(202)
  releaseRetracted(
    @Body() data: ReleaseRetractedV1,
    @CurrentCaller() caller: Caller,
  ): Promise<IntakeAccepted> {
    return this.record({ type: IntakeEventType.ReleaseRetracted, data }, caller);
  }

  private record(event: IntakeEvent, caller: Caller): Promise<IntakeAccepted> {
    // ACC-2 from the payload first; ACC-3 to ACC-5 against custody, under the person's lock.
    assertMayReport(mayReportFor(caller, event));
    return this.recordIntakeEvent.execute(event, 'http', caller);
  }
}
