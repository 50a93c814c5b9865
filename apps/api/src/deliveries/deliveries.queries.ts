import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { DeliveryStatusV1 } from '@throughcare/contracts';

import type { DeliveryScope } from './delivery-access';
import { encodeCursor, type DeliveryCursor } from './delivery-cursor';
import { DeliveryEntity } from './delivery.entity';
import { toDeliveryView, type DeliveryPage } from './delivery.views';

export interface DeliveryListFilter {
  scope: DeliveryScope;
  status?: DeliveryStatusV1;
  from?: Date;
  to?: Date;
  after?: DeliveryCursor;
  limit: number;
}

/** Read side of the deliveries copy: pages newest first, one by id. */
@Injectable()
export class DeliveriesQueries {
  constructor(private readonly dataSource: DataSource) {}

  async page(filter: DeliveryListFilter): Promise<DeliveryPage> {
    const query = this.dataSource.getRepository(DeliveryEntity).createQueryBuilder('d');
    if (filter.scope.organisationId)
      query.andWhere('d.organisation_id = :organisationId', {
        organisationId: filter.scope.organisationId,
      });
    if (!filter.scope.includeWithheld) query.andWhere("d.status <> 'WITHHELD'");
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('d.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('d.created_at < :to', { to: filter.to });
    if (filter.after)
      query.andWhere('(d.created_at, d.delivery_id) < (:afterAt, :afterId)', {
        afterAt: filter.after.createdAt,
        afterId: filter.after.deliveryId,
      });
    // One row more than asked for says whether there is a next page.
    const rows = await query
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.delivery_id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
    const shown = rows.slice(0, filter.limit);
    const last = shown[shown.length - 1];
    return {
      deliveries: shown.map(toDeliveryView),
      nextCursor:
        rows.length > filter.limit && last
          ? encodeCursor({ createdAt: last.createdAt, deliveryId: last.deliveryId })
          : null,
    };
  }

  find(deliveryId: string): Promise<DeliveryEntity | null> {
    return this.dataSource.getRepository(DeliveryEntity).findOneBy({ deliveryId });
  }
}
