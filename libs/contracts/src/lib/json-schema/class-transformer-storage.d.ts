// class-transformer does not type its storage entry point; class-validator-jsonschema needs it
// to follow @Type(() => Nested) references.
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
  export const defaultMetadataStorage: MetadataStorage;
}
