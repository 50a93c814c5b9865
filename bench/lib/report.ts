/**
 * What a benchmark returns and how a run's results become Markdown and JSON. A benchmark is a
 * `bench/<name>.bench.ts` file exporting `benchmark: Benchmark`; bench/run-benchmarks.ts finds
 * it, runs it with a BenchContext and puts its BenchResult in the report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { RedisTarget } from './redis';

export interface BenchContext {
  /** Every Redis key the benchmark creates must start with this; the runner deletes leftovers. */
  keyPrefix: string;
  redis: RedisTarget;
  /** True for a scaled-down smoke run (BENCH_QUICK=1): numbers are not comparable. */
  quick: boolean;
  /** Progress to stderr (stdout carries the report). */
  log(message: string): void;
}

export interface Benchmark {
  /** Kebab-case; also names the key prefix and the section of the report. */
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

/** One measurement of the thing under test against a raw baseline taken in the same run. */
export interface BenchComparison {
  label: string;
  unit: string;
  subject: number;
  baseline: number;
  /** subject / baseline (NaN unless the baseline is positive). */
  ratio: number;
}

export interface BenchMetric {
  label: string;
  value: number | string;
  unit?: string;
}

export interface BenchSection {
  title: string;
  /** Column headings of the comparison table, e.g. 'BullMQ' and 'ioredis pipeline'. */
  subjectLabel?: string;
  baselineLabel?: string;
  comparisons?: BenchComparison[];
  metrics?: BenchMetric[];
}

export interface BenchResult {
  name: string;
  title: string;
  durationMs: number;
  sections: BenchSection[];
  notes: string[];
  /** Raw figures for the JSON report only. */
  data?: Record<string, unknown>;
}

export interface BenchFailure {
  name: string;
  durationMs: number;
  error: string;
}

export interface BenchReport {
  generatedAt: string;
  environment: Record<string, string | number>;
  quick: boolean;
  totalMs: number;
  results: BenchResult[];
  failures: BenchFailure[];
}

/** The installed version of an npm package ('unknown' when its package.json cannot be read). */
export function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
      version?: string;
    };
    return json.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function compare(
  label: string,
  unit: string,
  subject: number,
  baseline: number,
): BenchComparison {
  return {
    label,
    unit,
    subject,
    baseline,
    ratio: baseline > 0 ? subject / baseline : Number.NaN,
  };
}

/** Human formatting: thousands separators, at most `digits` decimals, 'n/a' for NaN. */
export function fmt(value: number | string, digits = 1): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits });
}

function fmtRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function renderSection(section: BenchSection): string[] {
  const lines = [`### ${section.title}`, ''];
  if (section.comparisons && section.comparisons.length > 0) {
    const subject = section.subjectLabel ?? 'Subject';
    const baseline = section.baselineLabel ?? 'Baseline';
    lines.push(`| Measure | Unit | ${cell(subject)} | ${cell(baseline)} | Ratio |`);
    lines.push('| --- | --- | ---: | ---: | ---: |');
    for (const c of section.comparisons) {
      const row = [c.label, c.unit, fmt(c.subject), fmt(c.baseline), fmtRatio(c.ratio)];
      lines.push(`| ${row.map(cell).join(' | ')} |`);
    }
    lines.push('');
  }
  if (section.metrics && section.metrics.length > 0) {
    lines.push('| Measure | Value | Unit |', '| --- | ---: | --- |');
    for (const m of section.metrics) {
      lines.push(`| ${cell(m.label)} | ${cell(fmt(m.value))} | ${cell(m.unit ?? '')} |`);
    }
    lines.push('');
  }
  return lines;
}

export function renderMarkdown(report: BenchReport): string {
  const lines = ['# Benchmarks', ''];
  lines.push(`Generated ${report.generatedAt} in ${fmt(report.totalMs / 1000)} s.`, '');
  if (report.quick) {
    lines.push('**BENCH_QUICK=1: scaled-down smoke run; the numbers are not comparable.**', '');
  }
  lines.push('| Environment | |', '| --- | --- |');
  for (const [key, value] of Object.entries(report.environment)) {
    lines.push(`| ${cell(key)} | ${cell(String(value))} |`);
  }
  lines.push('');
  for (const result of report.results) {
    lines.push(`## ${result.title} (\`${result.name}\`)`, '');
    lines.push(`Ran in ${fmt(result.durationMs / 1000)} s.`, '');
    for (const section of result.sections) lines.push(...renderSection(section));
    if (result.notes.length > 0) {
      lines.push('Notes:', '');
      for (const note of result.notes) lines.push(`- ${note}`);
      lines.push('');
    }
  }
  if (report.failures.length > 0) {
    lines.push('## Failures', '');
    for (const failure of report.failures) {
      lines.push(
        `- \`${failure.name}\` after ${fmt(failure.durationMs / 1000)} s: ${failure.error}`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Writes latest.md and latest.json under `dir`; returns their paths. */
export function writeReport(dir: string, report: BenchReport): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, 'latest.md');
  const json = join(dir, 'latest.json');
  writeFileSync(markdown, renderMarkdown(report));
  // NaN (an empty sample) becomes null in JSON.
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { markdown, json };
}
