import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

import { CLOCK, type Clock } from '@throughcare/clock';

import { hmppsSource, hubEventId } from '../domain-events/hub-event-ids';
import { HubIntakeClient } from '../domain-events/hub-intake.client';
import { courtReleaseDue } from './court-candidate-due';
import { CourtCandidatesRepository } from './court-candidates.repository';

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Posts a court release for each person sent to court who did not come back that day
 * (HMPPS-11). The rows are the truth; the timer only looks at them, so a restart loses nothing.
 */
@Injectable()
export class CourtCandidateSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CourtCandidateSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly candidates: CourtCandidatesRepository,
    private readonly hub: HubIntakeClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep(this.clock.now()).catch((error: Error) =>
        this.logger.warn(`court candidate sweep failed: ${error.message}`),
      );
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many court releases were posted. */
  async sweep(now: Date): Promise<number> {
    let posted = 0;
    for (const candidate of await this.candidates.allOpen()) {
      if (!courtReleaseDue(candidate.sentAt, now)) continue;
      const answer = await this.hub.post('court-release', {
        eventId: hubEventId(candidate.messageId, 'court-release'),
        prisonNumber: candidate.prisonNumber,
        // HMPPS's released event does not name the court.
        court: 'not named by HMPPS',
        holdingEstablishment: candidate.establishment,
        releasedAt: candidate.sentAt.toISOString(),
        reason: 'OTHER',
        source: hmppsSource(candidate.messageId),
      });
      await this.candidates.decide(candidate.messageId, answer.accepted ? 'RELEASED' : 'REFUSED');
      if (answer.accepted) posted += 1;
      else this.logger.warn(`court release for ${candidate.messageId} refused ${answer.status}`);
    }
    return posted;
  }
}
