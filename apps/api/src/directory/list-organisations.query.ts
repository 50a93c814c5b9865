import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import type { OrganisationV1 } from '@throughcare/contracts';

import { OrganisationEntity } from './organisation.entity';

/** An organisation of the directory as an admin reads it: what was registered, and when. */
export type OrganisationView = OrganisationV1 & { createdAt: string };

/** The directory for admins (the console's organisations page): every organisation, by id. */
@Injectable()
export class ListOrganisationsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<OrganisationView[]> {
    const rows = await this.dataSource
      .getRepository(OrganisationEntity)
      .find({ order: { organisationId: 'ASC' } });
    return rows.map(toOrganisationView);
  }
}

export function toOrganisationView(row: OrganisationEntity): OrganisationView {
  return {
    organisationId: row.organisationId,
    type: row.type,
    name: row.name,
    localAuthorityCodes: row.localAuthorityCodes,
    establishments: row.establishments,
    spoc: row.spoc,
    ...(row.secondContact ? { secondContact: row.secondContact } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
