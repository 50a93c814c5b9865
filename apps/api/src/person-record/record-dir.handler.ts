import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { CLOCK, type Clock } from '@throughcare/clock';
import { decideDirWrite, type DirOnRecord } from '@throughcare/continuity-rules';
import {
  DomainError,
  DomainErrorCode,
  PersonRecordEventType,
  type CustodyEpisodeRefV1,
  type DirRecordedV1,
  type DirV1,
} from '@throughcare/contracts';
import { Outbox } from '@throughcare/messaging';

import type { Caller } from '../auth/caller';
import { lockPersonRecord } from '../consent/consent-record.repository';
import { IdempotentWrites, type WriteOutcome } from '../idempotency/idempotent-writes.service';
import { IntakeEventEntity } from '../intake/intake-event.entity';
import { PersonEntity } from '../person/person.entity';
import { custodyMovementsOf } from './accepted-custody-movements';
import { DirVersionEntity } from './person-record.entities';
import { personRecordMessage } from './person-record.messages';
import type { WriteRoute } from '../idempotency/write-route';

export interface DirVersionView {
  prisonNumber: string;
  dirId: string;
  version: number;
  episode: CustodyEpisodeRefV1;
  holder: string;
}

export interface RecordDir {
  prisonNumber: string;
  dir: DirV1;
  caller: Caller;
  /** The write as its route declares it (method, path, status, Idempotency-Key). */
  route: WriteRoute;
}

/**
 * `PUT /v1/people/{prisonNumber}/dir`: one DIR per custody episode (DIR-01).
 * The first PUT for an episode creates it; a later one, from this prison or the one the person
 * was transferred to, is a new version of the same DIR, the earlier ones kept. A DIR that names
 * no episode of the person's, or a prison not holding them when it was recorded, is a 409.
 */
@Injectable()
export class RecordDirHandler {
  private readonly logger = new Logger(RecordDirHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly idempotentWrites: IdempotentWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: RecordDir): Promise<WriteOutcome<DirVersionView>> {
    const { prisonNumber, dir, caller } = command;
    const request = {
      ...command.route,
      caller,
      body: dir,
    };
    return this.idempotentWrites.once(request, async (manager) => {
      await lockPersonRecord(manager, prisonNumber);
      const events = await manager.getRepository(IntakeEventEntity).find({
        where: { prisonNumber },
        order: { occurredAt: 'ASC' },
      });
      const accepted = events.filter((e) => e.custodyChange !== null);
      const decision = decideDirWrite(
        custodyMovementsOf(accepted),
        await dirsOnRecord(manager, prisonNumber),
        {
          custodyEpisode: dir.custodyEpisode,
          establishment: dir.establishment,
          recordedAt: dir.recordedAt,
        },
      );
      if (decision.action === 'REFUSE')
        throw new DomainError(DomainErrorCode.Conflict, `DIR refused: ${decision.reason}`);
      const now = this.clock.now();
      const row: DirVersionEntity = {
        dirId: decision.action === 'CREATE' ? randomUUID() : decision.dirId,
        version: decision.version,
        prisonNumber,
        episodeId: await episodeIdOf(manager, prisonNumber, accepted, decision.episode),
        episodeReceivedAt: new Date(decision.episode.receivedAt),
        episodeEstablishment: decision.episode.establishment,
        holder: decision.holder,
        record: dir,
        recordedByOrganisation: caller.organisationId ?? 'admin',
        createdAt: now,
      };
      await manager.insert(DirVersionEntity, row);
      const recorded: DirRecordedV1 = {
        prisonNumber,
        episodeId: row.episodeId,
        recordedByOrganisation: row.recordedByOrganisation,
        acceptedAt: now.toISOString(),
        dirId: row.dirId,
        version: row.version,
        episode: decision.episode,
        holder: row.holder,
        dir,
      };
      await this.outbox.write(manager, [
        personRecordMessage(PersonRecordEventType.DirRecorded, recorded, now),
      ]);
      // Ids only: a DIR beside a prison number would say the person uses drugs.
      this.logger.log(`record ${row.dirId} v${row.version} written by ${row.holder}`);
      return {
        prisonNumber,
        dirId: row.dirId,
        version: row.version,
        episode: decision.episode,
        holder: row.holder,
      };
    });
  }
}

/** The latest version of each of the person's DIRs. */
async function dirsOnRecord(manager: EntityManager, prisonNumber: string): Promise<DirOnRecord[]> {
  const rows = await manager.getRepository(DirVersionEntity).find({
    where: { prisonNumber },
    order: { version: 'DESC' },
  });
  const latest = new Map<string, DirVersionEntity>();
  for (const row of rows) if (!latest.has(row.dirId)) latest.set(row.dirId, row);
  return [...latest.values()].map((row) => ({
    dirId: row.dirId,
    episode: {
      receivedAt: row.episodeReceivedAt.toISOString(),
      establishment: row.episodeEstablishment,
    },
    version: row.version,
    holder: row.holder,
  }));
}

/**
 * The API's id for the episode: the one of the accepted event that opened it (a reception, or the
 * transfer the hub first saw the person by), else the person's current episode.
 */
async function episodeIdOf(
  manager: EntityManager,
  prisonNumber: string,
  accepted: readonly IntakeEventEntity[],
  episode: CustodyEpisodeRefV1,
): Promise<string> {
  const opening = accepted.find(
    (e) => e.episodeId !== null && e.occurredAt.getTime() === Date.parse(episode.receivedAt),
  );
  if (opening?.episodeId) return opening.episodeId;
  const person = await manager.findOneByOrFail(PersonEntity, { prisonNumber });
  if (!person.episodeId)
    throw new DomainError(DomainErrorCode.Conflict, `${prisonNumber} has no custody episode`);
  return person.episodeId;
}
