export * from './lib/factories/release-event.factory';
export * from './lib/expect-eventually';
export * from './lib/webhook-sink';
export * from './lib/infra/hub-processes';
export * from './lib/infra/topic-reader';
export * from './lib/infra/test-environment';
