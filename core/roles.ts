/**
 * Roles are data: which plugins a process loads. Docker compose sets only `KERNEL_ROLE`.
 *
 * Why a fixed table: a container's behaviour must be predictable from its role name alone, and
 * the kernel validates requires/provides per role at boot, so a role that cannot work fails fast.
 * Plugin objects are resolved in `core/catalogue.ts` (the composition root) to keep this file free
 * of imports.
 *
 * @example
 * ROLE_PLUGINS.api // ['etl', 'ml', 'api']
 */
export const ROLE_NAMES = ['etl', 'trainer', 'api', 'ui', 'all'] as const
export type RoleName = (typeof ROLE_NAMES)[number]

/** Plugin names per role, in load order (ties in the dependency graph keep this order). */
export const ROLE_PLUGINS: Readonly<Record<RoleName, readonly string[]>> = Object.freeze({
  etl: ['etl'],
  trainer: ['etl', 'ml'],
  api: ['etl', 'ml', 'api'],
  ui: ['etl', 'ml', 'ui'],
  all: ['etl', 'ml', 'api', 'ui'],
})

/** Narrows a string to a role name. */
export function isRoleName(value: string): value is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(value)
}

/**
 * The role with the fewest plugins that holds `plugin` (its requirements come with it: a role
 * boots whole), or undefined when no role does.
 *
 * Why: a stage command needs only its own plugin and what that plugin requires; booting every
 * plugin cost `etl:verify` 2.4 CPU-s instead of 1.0 (the `all` role also starts the ml plugin,
 * which loads the champion model).
 *
 * @example
 * smallestRoleHolding('ml') // 'trainer'
 */
export function smallestRoleHolding(plugin: string): RoleName | undefined {
  const holding = ROLE_NAMES.filter((role) => ROLE_PLUGINS[role].includes(plugin))
  return holding.sort((a, b) => ROLE_PLUGINS[a].length - ROLE_PLUGINS[b].length)[0]
}
