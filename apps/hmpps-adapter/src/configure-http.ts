import type { INestApplication } from '@nestjs/common';
import express from 'express';

import { SnsProblemFilter } from './sns/sns-problem.filter';

/**
 * SNS posts JSON as `text/plain`: the SNS route takes its body as text (bounded as the hub's
 * messages are) and parses it itself; every error answers problem+json.
 */
export function configureAdapterHttp(app: INestApplication): void {
  app.use('/hmpps/sns', express.text({ type: () => true, limit: '256kb' }));
  app.use(express.json({ limit: '64kb' }));
  app.useGlobalFilters(new SnsProblemFilter());
}
