import { Registry } from 'prom-client';

import { ManualClock } from '@throughcare/clock';

import type { ApiConfig } from '../config/api.config';
import { MEASURES_SHARED_FOR_MS, MeasuresMetrics } from './measures.metrics';
import type { MeasuresQueries } from './measures.queries';

describe(MeasuresMetrics.name, () => {
  const T0 = 1_795_000_000_000;

  function metricsOver(releaseFacts: jest.Mock) {
    const registry = new Registry();
    const metrics = new MeasuresMetrics(
      {
        releaseFacts,
        acknowledgementFacts: jest.fn().mockResolvedValue([]),
      } as unknown as MeasuresQueries,
      new ManualClock(new Date('2026-11-20T10:00:00Z')),
      { measuresOnTimeGraceSeconds: 3600 } as ApiConfig,
      registry,
    );
    metrics.onModuleInit();
    return registry;
  }

  afterEach(() => jest.restoreAllMocks());

  it('computes the measures once for all five gauges of a scrape, and again after the sharing window', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(T0);
    const releaseFacts = jest.fn().mockResolvedValue([]);
    const registry = metricsOver(releaseFacts);

    const first = await registry.metrics();
    expect(first).toContain('throughcare_unplanned_releases 0');
    expect(first).toContain('throughcare_release_notified_ratio{milestone="two-days"} 0');
    expect(releaseFacts).toHaveBeenCalledTimes(1);
    expect(releaseFacts).toHaveBeenCalledWith('2026-08-22', '2026-11-20');

    now.mockReturnValue(T0 + MEASURES_SHARED_FOR_MS - 1);
    await registry.metrics();
    expect(releaseFacts).toHaveBeenCalledTimes(1);

    now.mockReturnValue(T0 + MEASURES_SHARED_FOR_MS);
    await registry.metrics();
    expect(releaseFacts).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed computation: the next scrape queries again', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(T0);
    const releaseFacts = jest
      .fn()
      .mockRejectedValueOnce(new Error('connection lost'))
      .mockResolvedValue([]);
    const registry = metricsOver(releaseFacts);

    await expect(registry.metrics()).rejects.toThrow('connection lost');
    await expect(registry.metrics()).resolves.toContain('throughcare_unplanned_releases 0');
    expect(releaseFacts).toHaveBeenCalledTimes(2);
  });
});
