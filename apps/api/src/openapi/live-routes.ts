import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';

import { ROLES_KEY, type Role } from '../auth/api-key.guard';
import { declaredStatus } from '../idempotency/write-route';

/** One route as Nest mounts it: what the OpenAPI document must say about it. */
export interface LiveRoute {
  method: string;
  /** OpenAPI path template: `/v1/api-keys/{id}` for Nest's `v1/api-keys/:id`. */
  path: string;
  status: number;
  /** Roles whose key may call it, admin first (admin may call every secured route), or public. */
  roles: readonly string[] | 'public';
}

type ModuleRef = Type | DynamicModule;

function isDynamic(module: unknown): module is DynamicModule {
  return typeof module === 'object' && module !== null && 'module' in module;
}

/** Every controller a module mounts, through its imports, dynamic modules included. */
export function controllersOf(root: ModuleRef, seen = new Set<unknown>()): Type[] {
  if (seen.has(root)) return [];
  seen.add(root);
  const dynamic = isDynamic(root) ? root : undefined;
  const moduleClass = dynamic ? dynamic.module : (root as Type);
  const declared = (key: string): unknown[] =>
    (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
  const own = [
    ...(declared(MODULE_METADATA.CONTROLLERS) as Type[]),
    ...(dynamic?.controllers ?? []),
  ];
  const imported = [...declared(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])].filter(
    (module): module is ModuleRef => typeof module === 'function' || isDynamic(module),
  );
  return [...own, ...imported.flatMap((module) => controllersOf(module, seen))];
}

function joinPath(...parts: unknown[]): string {
  const path = parts
    .flatMap((part) => (Array.isArray(part) ? part : [part]))
    .filter((part): part is string => typeof part === 'string' && part !== '' && part !== '/')
    .map((part) => part.replace(/^\/|\/$/g, ''))
    .join('/');
  return `/${path}`.replace(/:(\w+)/g, '{$1}');
}

function rolesOf(handler: object, controller: Type): LiveRoute['roles'] {
  const roles =
    (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ??
    (Reflect.getMetadata(ROLES_KEY, controller) as Role[] | undefined);
  if (!roles) return 'public';
  return ['admin', ...roles.filter((role) => role !== 'admin')];
}

/** The routes of `controllers` as Nest mounts them, read from their decorators. */
export function liveRoutes(controllers: readonly Type[]): LiveRoute[] {
  return controllers.flatMap((controller) => {
    const base: unknown = Reflect.getMetadata(PATH_METADATA, controller);
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .map((name) => prototype[name])
      .filter((handler): handler is object => typeof handler === 'function')
      .flatMap((handler) => {
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) return [];
        const name = RequestMethod[method];
        return [
          {
            method: name.toLowerCase(),
            path: joinPath(base, Reflect.getMetadata(PATH_METADATA, handler)),
            status: declaredStatus(handler, name),
            roles: rolesOf(handler, controller),
          },
        ];
      });
  });
}
