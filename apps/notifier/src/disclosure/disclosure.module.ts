import { Module } from '@nestjs/common';

import { NoticeDisclosure } from './notice-disclosure.service';

@Module({
  providers: [NoticeDisclosure],
  exports: [NoticeDisclosure],
})
export class DisclosureModule {}
