// Subscriber side of Throughcare Hub notices. Node built-ins only: a subscriber may copy
// `src/lib/*.ts` (minus the specs) into its own service as they are.
export * from './lib/verify-notice';
export * from './lib/deduplicator';
