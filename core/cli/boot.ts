import { allMigrations, pluginsForRole } from '../catalogue.ts'
import { UsageError } from '../errors.ts'
import { createKernel, type Kernel } from '../kernel.ts'
import { isRoleName, ROLE_NAMES, type RoleName } from '../roles.ts'
import { type KernelServer, serveKernel } from '../server.ts'

/**
 * Reads `--role X` (or `--role=X`) from argv, removing it; falls back to `KERNEL_ROLE`, then
 * `fallback` (a role, or a function of the arguments left once `--role` is removed).
 */
export function takeRole(
  args: string[],
  env: Record<string, string | undefined>,
  fallback: RoleName | ((rest: readonly string[]) => RoleName),
): RoleName {
  let role: string | undefined
  const at = args.findIndex((a) => a === '--role' || a.startsWith('--role='))
  if (at >= 0) {
    const arg = args[at]!
    role = arg.includes('=') ? arg.slice('--role='.length) : args[at + 1]
    args.splice(at, arg.includes('=') ? 1 : 2)
  }
  role ??= env.KERNEL_ROLE ?? (typeof fallback === 'function' ? fallback(args) : fallback)
  if (!isRoleName(role)) {
    throw new UsageError('ROLE_UNKNOWN', `unknown role "${role}"; roles: ${ROLE_NAMES.join(', ')}`)
  }
  return role
}

/**
 * Boots the kernel for a CLI command with the role's plugins and every migration.
 *
 * @example
 * const kernel = await bootRole('etl', process.env)
 */
export function bootRole(role: RoleName, env: Record<string, string | undefined>): Promise<Kernel> {
  return createKernel({
    plugins: pluginsForRole(role),
    role,
    env: { ...env, KERNEL_ROLE: role },
    migrations: allMigrations(),
  })
}

/** Starts the HTTP server (drainable, see `serveKernel`) and prints where everything is. */
export function listen(kernel: Kernel): KernelServer {
  const http = serveKernel(kernel, { port: kernel.config.port, hostname: kernel.config.host })
  const server = http.server
  const base = `http://${kernel.config.host === '0.0.0.0' ? '127.0.0.1' : kernel.config.host}:${server.port}`
  kernel.log.info(`serving role '${kernel.role}' (${kernel.plugins.join(', ')}) on ${base}`)
  const urls = [
    kernel.plugins.includes('ui') ? `  web app      ${base}/` : undefined,
    kernel.plugins.includes('api') ? `  API          ${base}/api/v1/types` : undefined,
    `  API docs     ${base}/docs`,
    `  OpenAPI      ${base}/openapi.json`,
    `  metrics      ${base}/metrics`,
    `  health       ${base}/healthz  ${base}/readyz`,
  ].filter(Boolean)
  process.stdout.write(`PredictionDex is up:\n${urls.join('\n')}\n`)
  kernel.serving()
  return http
}
