/**
 * `bun run serve [--role api|ui|…]`: boot the role's plugins and serve HTTP until SIGINT/SIGTERM.
 */
import { runMain } from '../main.ts'
import { bootRole, listen, takeRole } from './boot.ts'

await runMain(async (track, { serving }) => {
  const args = process.argv.slice(2)
  const role = takeRole(args, process.env, 'all')
  const kernel = track(await bootRole(role, process.env))
  await kernel.start()
  serving(listen(kernel))
  // Serve until a signal: runMain's handler drains, stops the kernel and exits.
  await new Promise<void>(() => {})
})
