import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

// Importing the classes registers their validation metadata.
import '../directory/organisation.v1';
import '../directory/subscription.v1';
import '../envelope';
import '../events/notice-due.v1';
import '../events/release-planned.v1';

export type JsonSchema = Record<string, unknown>;

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
      isCalendarDate: { type: 'string', format: 'date' },
      isInstant: { type: 'string', format: 'date-time' },
    },
  }) as Record<string, JsonSchema>;
}
