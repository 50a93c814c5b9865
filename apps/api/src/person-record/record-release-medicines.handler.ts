import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import {
  DomainError,
  DomainErrorCode,
  PersonRecordEventType,
  type NaloxoneOutcomeV1,
  type NaloxoneRecordedV1,
  type OstPlanRecordedV1,
  type OstPlanV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';

import type { Caller } from '../auth/caller';
import { lockPersonRecord } from '../consent/consent-record.repository';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { PersonEntity } from '../person/person.entity';
import { NaloxoneRecordEntity, OstPlanRecordEntity } from './person-record.entities';
import { personRecordMessage } from './person-record.messages';
import { assertCallerCovers } from '../auth/establishment-scope';
import type { WriteRoute } from '../idempotency/write-route';

export interface OstPlanView {
  prisonNumber: string;
  version: number;
  episodeId: string;
  plan: OstPlanV1;
}

export interface NaloxoneView {
  prisonNumber: string;
  id: string;
  episodeId: string;
  outcome: NaloxoneOutcomeV1;
}

interface Write<T> {
  prisonNumber: string;
  body: T;
  caller: Caller;
  /** The write as its route declares it (method, path, status, Idempotency-Key). */
  route: WriteRoute;
}

const RELEASED = ['RELEASED', 'RELEASED_FROM_COURT'];

/**
 * How medicines continue at release: the OST plan (`PUT .../ost-plan`, OST-01 to
 * OST-04) and the naloxone outcome (`POST .../naloxone`, NAL-01). Both
 * belong to the person's current custody episode and are refused once the person has left.
 */
@Injectable()
export class RecordReleaseMedicinesHandler {
  private readonly logger = new Logger(RecordReleaseMedicinesHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  recordOstPlan(command: Write<OstPlanV1>): Promise<WriteOutcome<OstPlanView>> {
    const { prisonNumber, body: plan, caller } = command;
    return this.write(command, async (m) => {
      const episodeId = await currentEpisode(m, prisonNumber, caller);
      const [row] = (await m.query(
        'SELECT coalesce(max(version), 0) + 1 AS next FROM api.ost_plan_record WHERE prison_number = $1',
        [prisonNumber],
      )) as Array<{ next: number }>;
      const now = this.clock.now();
      const record: OstPlanRecordEntity = {
        prisonNumber,
        version: Number(row?.next ?? 1),
        episodeId,
        plan,
        recordedByOrganisation: caller.organisationId ?? 'admin',
        createdAt: now,
      };
      await m.insert(OstPlanRecordEntity, record);
      const recorded: OstPlanRecordedV1 = {
        prisonNumber,
        episodeId,
        recordedByOrganisation: record.recordedByOrganisation,
        acceptedAt: now.toISOString(),
        version: record.version,
        plan,
      };
      await this.outbox.write(m, [
        personRecordMessage(PersonRecordEventType.OstPlanRecorded, recorded, now),
      ]);
      // Ids only (no prison number beside a clinical record): the log is not the health record.
      this.logger.log(`release medicines plan v${record.version} recorded (episode ${episodeId})`);
      return { prisonNumber, version: record.version, episodeId, plan };
    });
  }

  recordNaloxone(command: Write<NaloxoneOutcomeV1>): Promise<WriteOutcome<NaloxoneView>> {
    const { prisonNumber, body: outcome, caller } = command;
    return this.write(command, async (m) => {
      const episodeId = await currentEpisode(m, prisonNumber, caller);
      const now = this.clock.now();
      const record: NaloxoneRecordEntity = {
        id: randomUUID(),
        prisonNumber,
        episodeId,
        outcome,
        recordedByOrganisation: caller.organisationId ?? 'admin',
        createdAt: now,
      };
      await m.insert(NaloxoneRecordEntity, record);
      const recorded: NaloxoneRecordedV1 = {
        prisonNumber,
        episodeId,
        recordedByOrganisation: record.recordedByOrganisation,
        acceptedAt: now.toISOString(),
        outcome,
      };
      await this.outbox.write(m, [
        personRecordMessage(PersonRecordEventType.NaloxoneRecorded, recorded, now),
      ]);
      this.logger.log(`release medicines outcome ${record.id} recorded (episode ${episodeId})`);
      return { prisonNumber, id: record.id, episodeId, outcome };
    });
  }

  private write<T extends object>(
    command: Write<unknown>,
    effect: (manager: EntityManager) => Promise<T>,
  ): Promise<WriteOutcome<T>> {
    const request = {
      ...command.route,
      caller: command.caller,
      body: command.body,
    };
    return this.idempotentWrites.once(request, async (manager) => {
      await lockPersonRecord(manager, command.prisonNumber);
      return effect(manager);
    });
  }
}

/**
 * The person's custody episode now; a plan for someone already released helps no one. A prison
 * plans release medicines for the people it holds (docs/hub-interface.md §3), not those it transferred out.
 */
async function currentEpisode(
  manager: EntityManager,
  prisonNumber: string,
  caller: Caller,
): Promise<string> {
  const person = await manager.findOneByOrFail(PersonEntity, { prisonNumber });
  if (!person.episodeId || (person.status !== null && RELEASED.includes(person.status)))
    throw new DomainError(
      DomainErrorCode.Conflict,
      `${prisonNumber} is not in custody: release medicines are planned before release`,
    );
  assertCallerCovers(
    caller,
    person.establishment,
    `${prisonNumber} is held at ${person.establishment ?? 'no prison'}, not at your establishments`,
  );
  return person.episodeId;
}
