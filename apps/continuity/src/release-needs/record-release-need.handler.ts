import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import type { ReleasePlannedV1 } from '@throughcare/contracts';
import { claimInboxEntry, type ValidEvent } from '@throughcare/messaging';

import { CONTINUITY_SCHEMA } from '../database/continuity.data-source';
import { ReleaseMedicationNeedEntity } from './release-medication-need.entity';

const CONSUMER = 'continuity.record-release-need';

@Injectable()
export class RecordReleaseNeedHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(event: ValidEvent): Promise<void> {
    const release = event.envelope.data as ReleasePlannedV1;
    await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(
          manager,
          CONTINUITY_SCHEMA,
          CONSUMER,
          event.envelope.id,
          event.topic,
        ))
      )
        return;
      await manager.upsert(
        ReleaseMedicationNeedEntity,
        {
          prisonNumber: release.prisonNumber,
          releaseEventId: release.eventId,
          establishment: release.establishment,
          releaseDate: release.releaseDate,
          onOst: release.clinical.onOst,
          opiateHistory: release.clinical.opiateHistory,
          updatedAt: this.clock.now(),
        },
        ['prisonNumber'],
      );
    });
  }
}
