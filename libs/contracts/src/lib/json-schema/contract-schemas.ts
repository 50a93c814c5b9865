import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

import type { TimeBound } from '../validation/time-bounds';

// Importing the classes registers their validation metadata.
import '../directory/api-key.v1';
import '../directory/organisation.v1';
import '../directory/subscription.v1';
import '../envelope';
import '../queries/releases-query.v1';
import '../queries/deliveries-query.v1';
import '../queries/continuity-queries.v1';
import '../events/notice-due.v1';
import '../events/release-planned.v1';
import '../events/reception-received.v1';
import '../events/transfer-completed.v1';
import '../events/release-cancelled.v1';
import '../events/release-retracted.v1';
import '../events/release-discharged.v1';
import '../events/court-release.v1';
import '../consent/consent.v1';
import '../events/disclosure-decided.v1';
import '../delivery/delivery.v1';
import '../delivery/acknowledgement.v1';
import '../continuity/dir.v1';
import '../continuity/ost-plan.v1';
import '../continuity/naloxone-outcome.v1';
import '../continuity/bridging-request.v1';
import '../continuity/person-record-events.v1';
import '../continuity/continuity-record.v1';

export type JsonSchema = Record<string, unknown>;

/** The bound of an instant or date, said in the schema (docs/security/input-bounds.md). */
function boundedTime(format: 'date' | 'date-time', constraints: unknown[] | undefined): JsonSchema {
  const bound = constraints?.[0] as TimeBound | undefined;
  return {
    type: 'string',
    format,
    ...(bound
      ? { description: `Within bounds: ${bound.description}.`, 'x-time-bound': bound.name }
      : {}),
  };
}

/**
 * JSON Schemas generated from the class-validator classes: the one definition behind the HTTP
 * API, the Kafka consumers and the AsyncAPI / OpenAPI documents.
 */
export function contractJsonSchemas(): Record<string, JsonSchema> {
  return validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(),
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: '#/components/schemas/',
    additionalConverters: {
      isCalendarDate: (meta) => boundedTime('date', meta.constraints),
      isInstant: (meta) => boundedTime('date-time', meta.constraints),
    },
  }) as Record<string, JsonSchema>;
}
