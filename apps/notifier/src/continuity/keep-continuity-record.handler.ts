import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { claimInboxEntry } from '@throughcare/messaging';

import { NOTIFIER_SCHEMA } from '../database/notifier.data-source';
import type { ContinuityRecordEvent } from './continuity-record.messages';
import { keepContinuityRecord } from './keep-continuity-record';

const CONSUMER = 'notifier.keep-continuity-record';

/**
 * Keeps the continuity record published on throughcare.continuity.v1. Each event is applied once
 * (inbox), and a lower revision than the one on file never replaces it.
 */
@Injectable()
export class KeepContinuityRecordHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(event: ContinuityRecordEvent): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (
        !(await claimInboxEntry(manager, NOTIFIER_SCHEMA, CONSUMER, event.envelope.id, event.topic))
      )
        return;
      await keepContinuityRecord(manager, event.data);
    });
  }
}
