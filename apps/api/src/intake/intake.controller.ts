import { Body, Controller, ForbiddenException, HttpCode, Post, UseGuards } from '@nestjs/common';

import {
  CourtReleaseV1,
  IntakeEventType,
  ReceptionReceivedV1,
  ReleaseCancelledV1,
  ReleaseDischargedV1,
  ReleasePlannedV1,
  TransferCompletedV1,
  establishmentsOf,
  type IntakeEvent,
} from '@throughcare/contracts';

import { AllowRoles, ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentCaller, type Caller } from '../auth/caller';
import { problem } from '../http/problem-details';
import { RecordIntakeEventHandler, type IntakeAccepted } from './record-intake-event.handler';

/** Intake for release teams and prison systems (contract.md §3): each answers 202. */
@Controller('v1/events')
@UseGuards(ApiKeyGuard)
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

  private record(event: IntakeEvent, caller: Caller): Promise<IntakeAccepted> {
    assertMayPostFor(caller, event);
    return this.recordIntakeEvent.execute(event, 'http');
  }
}

/** A prison key posts only for its own establishments (contract.md §3); a transfer may come from either end. */
function assertMayPostFor(caller: Caller, event: IntakeEvent): void {
  if (caller.role === 'admin') return;
  const concerned = establishmentsOf(event);
  if (!concerned.some((code) => caller.establishments.includes(code))) {
    throw new ForbiddenException(
      problem(
        403,
        'forbidden',
        'Not your establishment',
        `This key may post events only for ${caller.establishments.join(', ')}`,
      ),
    );
  }
}
