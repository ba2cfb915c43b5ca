import { KernelError } from './errors.ts'

/**
 * A typed handle to a service one plugin provides and others require.
 *
 * Why refs instead of imports: plugins never import each other; they agree on a ref (id + type),
 * and the kernel checks at boot that every required ref has exactly one provider in the role.
 *
 * @example
 * export const pokedexRef = createServiceRef<PokedexReader>('etl.pokedex')
 */
export interface ServiceRef<T> {
  readonly id: string
  /** Phantom field carrying the service type; never set at run time. */
  readonly __type?: T
}

export function createServiceRef<T>(id: string): ServiceRef<T> {
  return Object.freeze({ id })
}

/** The live registry behind `ctx.services`. */
export interface ServiceRegistry {
  provide<T>(ref: ServiceRef<T>, impl: T): void
  get<T>(ref: ServiceRef<T>): T
  has(ref: ServiceRef<unknown>): boolean
}

/**
 * Creates the registry the kernel hands to plugins, scoped so a plugin can only provide what it
 * declared and only read what it required (or provides itself).
 */
export function createServiceRegistry(): {
  scoped(plugin: string, allowed: { provides: string[]; requires: string[] }): ServiceRegistry
  all: Map<string, unknown>
} {
  const all = new Map<string, unknown>()
  return {
    all,
    scoped(plugin, allowed) {
      return {
        provide(ref, impl) {
          if (!allowed.provides.includes(ref.id)) {
            throw new KernelError(
              'KERNEL_SERVICE_UNDECLARED',
              `${plugin} provides ${ref.id} without declaring it in 'provides'`,
              { plugin },
            )
          }
          if (all.has(ref.id)) {
            throw new KernelError('KERNEL_SERVICE_DUPLICATE', `${ref.id} is already provided`, { plugin })
          }
          all.set(ref.id, impl)
        },
        get<T>(ref: ServiceRef<T>): T {
          if (!allowed.requires.includes(ref.id) && !allowed.provides.includes(ref.id)) {
            throw new KernelError(
              'KERNEL_SERVICE_UNDECLARED',
              `${plugin} reads ${ref.id} without declaring it in 'requires'`,
              { plugin },
            )
          }
          if (!all.has(ref.id)) {
            throw new KernelError('KERNEL_SERVICE_NOT_READY', `${ref.id} has not been provided yet`, {
              plugin,
            })
          }
          return all.get(ref.id) as T
        },
        has: (ref) => all.has(ref.id),
      }
    },
  }
}
