import { HmppsEventTypes, mapHmppsEvent } from '../domain-events/hmpps-event-mapping';
import {
  SAME_RELEASE_WINDOW_MS,
  decideRelease,
  releaseMovementOf,
  type ReleaseMovement,
  type ReleaseRecord,
} from './provisional-release-decision';

const AT = '2026-12-18T09:40:00.000Z';
const minutes = (n: number) => new Date(Date.parse(AT) + n * 60_000).toISOString();
const released = (stream: ReleaseMovement['stream'], at = AT): ReleaseMovement => ({
  kind: 'discharge',
  stream,
  occurredAt: at,
});
const receivedBack = (stream: ReleaseMovement['stream'], at: string): ReleaseMovement => ({
  kind: 'received',
  stream,
  occurredAt: at,
});
const record = (
  status: ReleaseRecord['status'],
  returnedAt: string | null = null,
): ReleaseRecord => ({ status, releasedAt: AT, returnedAt });

describe(decideRelease.name, () => {
  it.each<[string, ReleaseMovement, ReleaseRecord | undefined, ReturnType<typeof decideRelease>]>([
    [
      'an immediate release never seen: provisional',
      released('immediate'),
      undefined,
      { action: 'post-provisional' },
    ],
    [
      'a delayed release never seen: confirmed',
      released('delayed'),
      undefined,
      { action: 'post-confirmed' },
    ],
    [
      'the delayed copy of a provisional release confirms it',
      released('delayed', minutes(-2)),
      record('PROVISIONAL'),
      { action: 'confirm' },
    ],
    [
      'a second immediate release of the same movement (a flap)',
      released('immediate', minutes(3)),
      record('PROVISIONAL'),
      { action: 'ignore', why: 'release already provisional' },
    ],
    [
      'the immediate copy after the delayed one (out of order)',
      released('immediate', minutes(1)),
      record('CONFIRMED'),
      { action: 'ignore', why: 'release already confirmed' },
    ],
    [
      'the delayed copy again',
      released('delayed'),
      record('CONFIRMED'),
      { action: 'ignore', why: 'release already confirmed' },
    ],
    [
      'a late copy of a retracted release',
      released('immediate'),
      record('RETRACTED', minutes(5)),
      { action: 'ignore', why: 'release already retracted' },
    ],
    [
      'the delayed copy of a retracted release',
      released('delayed'),
      record('RETRACTED', minutes(5)),
      { action: 'ignore', why: 'release retracted: the person was received back' },
    ],
    [
      'a release after the person came back is a new one',
      released('immediate', minutes(30)),
      record('RETRACTED', minutes(5)),
      { action: 'post-provisional' },
    ],
    [
      'a release hours later is a new one',
      released('delayed', new Date(Date.parse(AT) + SAME_RELEASE_WINDOW_MS + 1).toISOString()),
      record('CONFIRMED'),
      { action: 'post-confirmed' },
    ],
    [
      'received back while provisional (immediate stream): retract',
      receivedBack('immediate', minutes(4)),
      record('PROVISIONAL'),
      { action: 'retract' },
    ],
    [
      'received back while provisional (delayed stream): retract',
      receivedBack('delayed', minutes(4)),
      record('PROVISIONAL'),
      { action: 'retract' },
    ],
    [
      'received after a confirmed release: a reception as any other',
      receivedBack('delayed', minutes(600)),
      record('CONFIRMED'),
      { action: 'returned' },
    ],
    [
      'a reception older than the release changes nothing',
      receivedBack('immediate', minutes(-60)),
      record('PROVISIONAL'),
      { action: 'pass' },
    ],
    [
      'a second reception after a retraction',
      receivedBack('immediate', minutes(6)),
      record('RETRACTED', minutes(5)),
      { action: 'pass' },
    ],
    [
      'a reception of someone never released',
      receivedBack('delayed', AT),
      undefined,
      { action: 'pass' },
    ],
  ])('%s', (_case, movement, latest, expected) => {
    expect(decideRelease(movement, latest)).toEqual(expected);
  });

  it('tells a flap once and takes it back once, whatever the order of the copies', () => {
    // released (immediate), the same again, received back, the release again late: one
    // provisional post and one retraction.
    let latest: ReleaseRecord | undefined;
    const posts: string[] = [];
    for (const movement of [
      released('immediate'),
      released('immediate', minutes(1)),
      receivedBack('immediate', minutes(4)),
      released('immediate', minutes(1)),
      receivedBack('delayed', minutes(4)),
    ]) {
      const decision = decideRelease(movement, latest);
      if (decision.action === 'post-provisional') {
        posts.push('provisional');
        latest = { status: 'PROVISIONAL', releasedAt: movement.occurredAt, returnedAt: null };
      }
      if (decision.action === 'retract' && latest) {
        posts.push('retracted');
        latest = { ...latest, status: 'RETRACTED', returnedAt: movement.occurredAt };
      }
    }
    expect(posts).toEqual(['provisional', 'retracted']);
  });
});

describe(releaseMovementOf.name, () => {
  // An HMPPS movement as the adapter receives it, mapped, then decided (HMPPS-2, HMPPS-10).
  const decided = (eventType: string, reason: string, at: string, latest?: ReleaseRecord) => {
    const mapped = mapHmppsEvent({
      eventType,
      version: 1,
      occurredAt: at,
      additionalInformation: { nomsNumber: 'A1234BC', prisonId: 'SWI', reason },
    });
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    const movement = releaseMovementOf(mapped.action);
    return movement && decideRelease(movement, latest);
  };

  it.each<[string, string, string, string, ReleaseRecord | undefined, unknown]>([
    [
      'a re-admission on the immediate stream while the release is provisional retracts it',
      HmppsEventTypes.SearchReceived,
      'READMISSION',
      minutes(4),
      record('PROVISIONAL'),
      { action: 'retract' },
    ],
    [
      'a re-admission on the delayed stream while the release is provisional retracts it',
      HmppsEventTypes.Received,
      'READMISSION',
      minutes(50),
      record('PROVISIONAL'),
      { action: 'retract' },
    ],
    [
      'a re-admission with no release known is handled as an admission',
      HmppsEventTypes.SearchReceived,
      'READMISSION',
      minutes(4),
      undefined,
      { action: 'pass' },
    ],
    [
      'a re-admission after a confirmed release ends it, then is handled as an admission',
      HmppsEventTypes.SearchReceived,
      'READMISSION',
      minutes(4),
      record('CONFIRMED'),
      { action: 'returned' },
    ],
    [
      'a re-admission from before the provisional release does not retract it',
      HmppsEventTypes.SearchReceived,
      'READMISSION',
      minutes(-30),
      record('PROVISIONAL'),
      { action: 'pass' },
    ],
    [
      'a re-admission after a retracted release (the person is back) retracts nothing more',
      HmppsEventTypes.SearchReceived,
      'READMISSION',
      minutes(9),
      record('RETRACTED', minutes(4)),
      { action: 'pass' },
    ],
    [
      'an admission while the release is provisional retracts it',
      HmppsEventTypes.SearchReceived,
      'ADMISSION',
      minutes(4),
      record('PROVISIONAL'),
      { action: 'retract' },
    ],
    [
      'a transfer in while the release is provisional retracts it',
      HmppsEventTypes.Received,
      'TRANSFERRED',
      minutes(4),
      record('PROVISIONAL'),
      { action: 'retract' },
    ],
    [
      'a return from court while the release is provisional retracts it',
      HmppsEventTypes.SearchReceived,
      'RETURN_FROM_COURT',
      minutes(4),
      record('PROVISIONAL'),
      { action: 'retract' },
    ],
    [
      'a release on the immediate stream is provisional',
      HmppsEventTypes.SearchReleased,
      'RELEASED',
      AT,
      undefined,
      { action: 'post-provisional' },
    ],
    [
      'a return from a temporary absence is no movement of a release',
      HmppsEventTypes.SearchReceived,
      'TEMPORARY_ABSENCE_RETURN',
      minutes(4),
      record('PROVISIONAL'),
      undefined,
    ],
    [
      'a re-admission switching to an old booking stays unknown (HMPPS-3): no movement',
      HmppsEventTypes.SearchReceived,
      'READMISSION_SWITCH_BOOKING',
      minutes(4),
      record('PROVISIONAL'),
      undefined,
    ],
  ])('%s', (_case, eventType, reason, at, latest, expected) => {
    expect(decided(eventType, reason, at, latest)).toEqual(expected);
  });
});
