/**
 * `bun run serve [--role api|ui|…]`: boot the role's plugins and serve HTTP until SIGINT/SIGTERM.
 */
import { runMain } from '../main.ts'
import { bootRole, listen, takeRole } from './boot.ts'

await runMain(async (track) => {
  const args = process.argv.slice(2)
  const role = takeRole(args, process.env, 'all')
  const kernel = track(await bootRole(role, process.env))
  await kernel.start()
  const server = listen(kernel)
  await new Promise<void>(() => {
    // Serve until a signal: runMain's handler stops the kernel and exits.
    void server
  })
})
