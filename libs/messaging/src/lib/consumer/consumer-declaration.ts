import type { ClassConstructor } from 'class-transformer';

import {
  TOPIC_EXTENSIONS,
  TOPIC_MESSAGES,
  type CloudEvent,
  type ExtensionsOn,
  type Topic,
} from '@throughcare/contracts';

/** Message classes by CloudEvents type. */
export type MessageClasses = Readonly<Record<string, ClassConstructor<object>>>;

/**
 * What one consumer takes from one topic: every message class the topic carries, by type, and
 * the class of the topic's CloudEvents extension attributes if it has any. Made by `consumes`,
 * which refuses at start a declaration that leaves out a class the topic carries.
 */
export interface ConsumerDeclaration<
  T extends Topic = Topic,
  C extends MessageClasses = MessageClasses,
  X extends object = object,
> {
  readonly topic: T;
  readonly classes: C;
  readonly extensions?: ClassConstructor<X>;
}

/**
 * One message as a handler receives it: validated, its `type` naming the class of its `data`,
 * its extension attributes validated too. `envelope` is the whole CloudEvent (id, time, subject,
 * correlationid) with the same `data`.
 */
export interface TypedEvent<D extends object = object, K extends string = string, X = object> {
  readonly topic: string;
  readonly type: K;
  readonly data: D;
  readonly extensions: X;
  readonly envelope: CloudEvent<D>;
}

/**
 * The events a declaration admits, one per type: `switch (event.type)` narrows `data`. With
 * `K`, only those types (for a handler that takes one of them).
 */
export type EventOf<
  Decl extends ConsumerDeclaration,
  K extends keyof Decl['classes'] & string = keyof Decl['classes'] & string,
> = {
  [Type in K]: TypedEvent<InstanceType<Decl['classes'][Type]>, Type, ExtensionsOf<Decl>>;
}[K];

type ExtensionsOf<Decl extends ConsumerDeclaration> =
  Decl extends ConsumerDeclaration<infer _T, infer _C, infer X> ? X : never;

/**
 * Declares what a consumer of `topic` takes. Throws (so the service fails at start, as a BullMQ
 * processor missing a job does) when `classes` leaves out a type the topic carries, names one it
 * does not carry, or names another class than the contract's for a type: a message the consumer
 * did not declare can then never reach it. The extension class comes from the contract's
 * catalogue, so no consumer forgets to validate them.
 */
export function consumes<T extends Topic, C extends MessageClasses>(
  topic: T,
  classes: C,
): ConsumerDeclaration<T, C, ExtensionsOn<T>> {
  const carried: MessageClasses = TOPIC_MESSAGES[topic];
  const problems = [
    ...Object.keys(carried)
      .filter((type) => !(type in classes))
      .map((type) => `does not declare ${type}`),
    ...Object.keys(classes)
      .filter((type) => !(type in carried))
      .map((type) => `declares ${type}, which the topic does not carry`),
    ...Object.entries(classes)
      .filter(([type, cls]) => type in carried && carried[type] !== cls)
      .map(([type, cls]) => `declares ${cls.name} for ${type}, not ${carried[type]?.name}`),
  ];
  if (problems.length > 0)
    throw new Error(
      `a consumer of ${topic} ${problems.join('; ')} (libs/contracts TOPIC_MESSAGES)`,
    );
  const extensions = (TOPIC_EXTENSIONS as Partial<Record<Topic, ClassConstructor<object>>>)[topic];
  return {
    topic,
    classes,
    ...(extensions ? { extensions: extensions as ClassConstructor<ExtensionsOn<T>> } : {}),
  };
}
