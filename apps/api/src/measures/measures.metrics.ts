import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';

import { localDate } from '@throughcare/calendar';
import { CLOCK, type Clock } from '@throughcare/clock';
import { throughcareMeasures, type ThroughcareMeasures } from '@throughcare/continuity-rules';
import { METRICS_REGISTRY } from '@throughcare/observability';

import { API_CONFIG, type ApiConfig } from '../config/api.config';
import { MeasuresQueries } from './measures.queries';

/** The window the /metrics gauges cover: releases in the last 90 days. */
const WINDOW_DAYS = 90;

/**
 * One computation (seven queries over 90 days) serves all five gauges of a scrape, and any scrape
 * within this long of it: a scrape collects each gauge in turn, and several Prometheus replicas
 * may scrape at once.
 */
export const MEASURES_SHARED_FOR_MS = 10_000;

/**
 * The throughcare measures on `/metrics`, computed when Prometheus scrapes (the same numbers as
 * GET /v1/measures over the last 90 days, every establishment).
 */
@Injectable()
export class MeasuresMetrics implements OnModuleInit {
  private shared: { startedAt: number; measures: Promise<ThroughcareMeasures> } | null = null;

  constructor(
    private readonly queries: MeasuresQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  onModuleInit(): void {
    const measures = () => this.current();
    const gauge = (
      name: string,
      help: string,
      labelNames: string[],
      read: (
        m: ThroughcareMeasures,
        set: (value: number, labels?: Record<string, string>) => void,
      ) => void,
    ) =>
      new Gauge({
        name,
        help: `${help} (releases in the last ${WINDOW_DAYS} days)`,
        labelNames,
        registers: [this.registry],
        async collect() {
          read(await measures(), (value, labels) =>
            labels ? this.set(labels, value) : this.set(value),
          );
        },
      });
    gauge(
      'throughcare_release_notified_ratio',
      'Share of planned releases notified on time at each milestone',
      ['milestone'],
      (m, set) => {
        set(m.planned.notifiedAtSixWeeks.ratio ?? 0, { milestone: 'six-weeks' });
        set(m.planned.notifiedAtTwoDays.ratio ?? 0, { milestone: 'two-days' });
        set(m.planned.notifiedOnTheDay.ratio ?? 0, { milestone: 'day-of-release' });
      },
    );
    gauge(
      'throughcare_naloxone_issued_ratio',
      'Share of releases with an opiate history that left with naloxone',
      [],
      (m, set) => set(m.naloxoneIssuedOfEligible.ratio ?? 0),
    );
    gauge(
      'throughcare_ost_covered_ratio',
      'Share of releases on OST with a bridging script issued or a community dose booked',
      [],
      (m, set) => set(m.ost.withScriptOrBookedDose.ratio ?? 0),
    );
    gauge(
      'throughcare_continuity_of_care_ratio',
      'Share of releases with a treatment need whose first community appointment was attended within 21 days (MEA-06), overall (both labels "all"), per establishment and per release area',
      ['establishment', 'area'],
      (m, set) => {
        const c = m.continuityOfCare;
        set(c.overall.ratio ?? 0, { establishment: 'all', area: 'all' });
        for (const e of c.byEstablishment)
          set(e.ratio ?? 0, { establishment: e.establishment, area: 'all' });
        for (const a of c.byArea)
          set(a.ratio ?? 0, { establishment: 'all', area: a.area ?? 'unknown' });
      },
    );
    gauge(
      'throughcare_acknowledgement_median_seconds',
      'Median seconds from a notice delivery to its first ACCEPTED (or ACTIONED) and first ACTIONED acknowledgement, per organisation and notice kind (MEA-05)',
      ['organisation', 'notice_type', 'acknowledgement'],
      (m, set) => {
        for (const a of m.acknowledgements) {
          const labels = { organisation: a.organisationId, notice_type: a.noticeType };
          if (a.toAccept.medianSeconds !== null)
            set(a.toAccept.medianSeconds, { ...labels, acknowledgement: 'accepted' });
          if (a.toAction.medianSeconds !== null)
            set(a.toAction.medianSeconds, { ...labels, acknowledgement: 'actioned' });
        }
      },
    );
    gauge('throughcare_unplanned_releases', 'Releases from court', [], (m, set) =>
      set(m.unplanned.count),
    );
    gauge(
      'throughcare_unplanned_notice_median_seconds',
      'Median seconds from a court release to its first notice delivered',
      [],
      (m, set) => set(m.unplanned.medianSecondsToNotice ?? 0),
    );
  }

  private current(): Promise<ThroughcareMeasures> {
    // Real time: this is about how often Prometheus scrapes, not the hub's (simulated) clock.
    const startedAt = Date.now();
    if (this.shared && startedAt - this.shared.startedAt < MEASURES_SHARED_FOR_MS)
      return this.shared.measures;
    const measures = this.compute();
    this.shared = { startedAt, measures };
    // A failed computation is not kept: the next scrape tries again.
    measures.catch(() => {
      if (this.shared?.measures === measures) this.shared = null;
    });
    return measures;
  }

  private async compute(): Promise<ThroughcareMeasures> {
    const now = this.clock.now();
    const to = localDate(now, 'Europe/London');
    const from = localDate(new Date(now.getTime() - WINDOW_DAYS * 86_400_000), 'Europe/London');
    const facts = await this.queries.releaseFacts(from, to);
    return throughcareMeasures(
      facts,
      { from, to },
      { onTimeGraceSeconds: this.config.measuresOnTimeGraceSeconds },
      await this.queries.acknowledgementFacts(facts),
    );
  }
}
