import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'delivery_attempt' })
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text') deliveryId!: string;
  @Column('integer') attemptNumber!: number;
  @Column('timestamptz') startedAt!: Date;
  @Column('integer', { nullable: true }) statusCode!: number | null;
  @Column('integer') latencyMs!: number;
  @Column('text', { nullable: true }) error!: string | null;
}
