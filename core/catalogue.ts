import { apiPlugin } from '../plugins/api/index.ts'
import { etlPlugin } from '../plugins/etl/index.ts'
import { mlPlugin } from '../plugins/ml/index.ts'
import { uiPlugin } from '../plugins/ui/index.ts'
import type { Migration } from './db/migrate.ts'
import { KernelError } from './errors.ts'
import type { PluginDefinition } from './plugin.ts'
import { ROLE_PLUGINS, type RoleName } from './roles.ts'

/**
 * The composition root: the only file that imports plugins. Roles name plugins; this resolves them.
 */
export const PLUGINS: Readonly<Record<string, PluginDefinition<any>>> = Object.freeze({
  etl: etlPlugin,
  ml: mlPlugin,
  api: apiPlugin,
  ui: uiPlugin,
})

/** The plugin objects of a role, in the role's order. */
export function pluginsForRole(role: RoleName): PluginDefinition<any>[] {
  return ROLE_PLUGINS[role].map((name) => {
    const plugin = PLUGINS[name]
    if (!plugin) throw new KernelError('KERNEL_PLUGIN_UNKNOWN', `role '${role}' names unknown plugin ${name}`)
    return plugin
  })
}

/**
 * Every known plugin's migrations in catalogue order: every role migrates the whole schema, so a
 * container never finds a table another role owns missing.
 */
export function allMigrations(): Migration[] {
  return Object.values(PLUGINS).flatMap((p) => p.migrations ?? [])
}
