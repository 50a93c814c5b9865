import { courtReleaseDue } from './court-candidate-due';

describe(courtReleaseDue.name, () => {
  it.each([
    ['2026-03-02T09:00:00Z', '2026-03-02T23:59:59Z', false],
    ['2026-03-02T09:00:00Z', '2026-03-03T00:00:00.001Z', true],
    // British Summer Time: the London day ends at 23:00 UTC.
    ['2026-07-01T09:00:00Z', '2026-07-01T22:59:59Z', false],
    ['2026-07-01T09:00:00Z', '2026-07-01T23:00:00.001Z', true],
    // Sent after 23:00 UTC in summer is already the next London day.
    ['2026-07-01T23:30:00Z', '2026-07-02T12:00:00Z', false],
    ['2026-03-29T00:30:00Z', '2026-03-29T23:00:00.001Z', true],
  ])('sent at %s, at %s: due %s', (sentAt, now, due) => {
    expect(courtReleaseDue(new Date(sentAt), new Date(now))).toBe(due);
  });
});
