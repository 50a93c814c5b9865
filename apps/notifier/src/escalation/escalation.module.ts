import { Module } from '@nestjs/common';

import { EmailSender } from '../email/email-sender.service';
import { AcknowledgementReceivedHandler } from './acknowledgement-received.handler';
import { EscalationSweeper } from './escalation.sweeper';

/** Acknowledgement deadlines and the escalation ladder (issue 16, ACK-02 to ACK-04). */
@Module({
  providers: [EmailSender, EscalationSweeper, AcknowledgementReceivedHandler],
  exports: [AcknowledgementReceivedHandler],
})
export class EscalationModule {}
