import { Module } from '@nestjs/common';

import { MeasuresController } from './measures.controller';
import { MeasuresMetrics } from './measures.metrics';
import { MeasuresQueries } from './measures.queries';

@Module({
  controllers: [MeasuresController],
  providers: [MeasuresQueries, MeasuresMetrics],
})
export class MeasuresModule {}
