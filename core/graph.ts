import { KernelError } from './errors.ts'
import type { PluginDefinition } from './plugin.ts'

/**
 * Checks a role's plugins against each other and returns them in setup order.
 *
 * Why at boot: a role that cannot work (a missing provider, two providers, a cycle) must fail
 * before anything starts, with a message naming the plugin, the service and the role.
 * Order: a provider before its consumers; ties keep the role's list order (stable Kahn's
 * algorithm), so order never depends on numbers or luck.
 *
 * @example
 * orderPlugins([apiPlugin, etlPlugin], 'api') // [etlPlugin, apiPlugin] when api requires an etl service
 */
export function orderPlugins(
  plugins: readonly PluginDefinition<any>[],
  role: string,
): PluginDefinition<any>[] {
  const names = new Set<string>()
  for (const p of plugins) {
    if (names.has(p.name)) {
      throw new KernelError('KERNEL_PLUGIN_DUPLICATE', `plugin ${p.name} is loaded twice in role '${role}'`, {
        plugin: p.name,
      })
    }
    names.add(p.name)
  }
  const providers = new Map<string, string[]>()
  for (const p of plugins) {
    for (const ref of p.provides ?? []) providers.set(ref.id, [...(providers.get(ref.id) ?? []), p.name])
  }
  const deps = new Map<string, Set<string>>(plugins.map((p) => [p.name, new Set<string>()]))
  for (const p of plugins) {
    for (const ref of p.requires ?? []) {
      const found = providers.get(ref.id) ?? []
      if (found.length === 0) {
        throw new KernelError(
          'KERNEL_SERVICE_MISSING',
          `${p.name} requires ${ref.id}; nothing in role '${role}' provides it`,
          { plugin: p.name },
        )
      }
      if (found.length > 1) {
        throw new KernelError(
          'KERNEL_SERVICE_AMBIGUOUS',
          `${p.name} requires ${ref.id}; several plugins in role '${role}' provide it: ${found.join(', ')}`,
          { plugin: p.name },
        )
      }
      if (found[0] !== p.name) deps.get(p.name)!.add(found[0]!)
    }
  }
  const ordered: PluginDefinition<any>[] = []
  const placed = new Set<string>()
  while (ordered.length < plugins.length) {
    const next = plugins.find(
      (p) => !placed.has(p.name) && [...deps.get(p.name)!].every((d) => placed.has(d)),
    )
    if (!next) {
      const stuck = plugins.filter((p) => !placed.has(p.name))
      const cycle = stuck.map((p) => `${p.name} → ${[...deps.get(p.name)!].join('/')}`).join(', ')
      throw new KernelError(
        'KERNEL_CYCLE',
        `plugins in role '${role}' depend on each other in a cycle: ${cycle}`,
        {
          plugin: stuck[0]?.name,
        },
      )
    }
    ordered.push(next)
    placed.add(next.name)
  }
  return ordered
}
