import { Module } from '@nestjs/common';

import { ContinuityRecordConsumer } from './continuity-record.consumer';
import { KeepContinuityRecordHandler } from './keep-continuity-record.handler';

@Module({ controllers: [ContinuityRecordConsumer], providers: [KeepContinuityRecordHandler] })
export class ContinuityModule {}
