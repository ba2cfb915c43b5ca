/**
 * `bun run stage --list` · `bun run stage <plugin>` · `bun run stage <plugin:verb> -- --flags`
 *
 * Runs pipeline stages in one process and exits 0 (ok), 1 (a stage failed) or 2 (usage error).
 */
import { UsageError } from '../errors.ts'
import { EXIT, runMain } from '../main.ts'
import { type RoleName, smallestRoleHolding } from '../roles.ts'
import { describeStage, parseStageInput } from '../stages.ts'
import { bootRole, takeRole } from './boot.ts'

const HELP = `usage: bun run stage --list
       bun run stage <plugin>              run every stage of a plugin, in order
       bun run stage <plugin:verb> [-- --flag value …]
options: --role <etl|trainer|api|ui|all>  (default: KERNEL_ROLE, else the smallest role holding
         the plugin named, else all)`

/**
 * Without a role given, the smallest role that holds the named stage's plugin: the command boots
 * only what the stage needs (every plugin for `--list` or an unknown plugin).
 */
function defaultRole(rest: readonly string[]): RoleName {
  const selector = rest.find((a) => !a.startsWith('-'))
  const plugin = selector?.split(':')[0]
  return (plugin === undefined ? undefined : smallestRoleHolding(plugin)) ?? 'all'
}

await runMain(async (track) => {
  const args = process.argv.slice(2).filter((a) => a !== '--')
  const role = takeRole(args, process.env, defaultRole)
  const wantsList = args.includes('--list')
  const wantsHelp = args.includes('--help') || args.includes('-h')
  const selector = args.find((a) => !a.startsWith('-'))
  if (wantsHelp && selector === undefined) {
    process.stdout.write(`${HELP}\n`)
    return EXIT.ok
  }
  if (!wantsList && selector === undefined) throw new UsageError('STAGE_MISSING', `no stage given\n${HELP}`)
  const kernel = track(await bootRole(role, process.env))
  if (wantsList) {
    for (const s of kernel.stages.list()) process.stdout.write(`${s.name.padEnd(18)} ${s.description}\n`)
    return EXIT.ok
  }
  const selected = kernel.stages.select(selector!)
  if (wantsHelp) {
    process.stdout.write(`${selected.map(describeStage).join('\n\n')}\n`)
    return EXIT.ok
  }
  const flags = args.slice(args.indexOf(selector!) + 1)
  if (selected.length > 1 && flags.length > 0) {
    throw new UsageError('STAGE_ARGS', `flags apply to one stage; name it (e.g. ${selected[0]!.name})`)
  }
  const inputs = selected.map((stage) => parseStageInput(stage, flags))
  await kernel.start()
  const controller = new AbortController()
  for (const [i, stage] of selected.entries()) {
    const started = performance.now()
    const summary = await kernel.stages.run(stage.name, inputs[i], {
      log: kernel.log,
      tty: process.stderr.isTTY ?? false,
      signal: controller.signal,
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(2)
    process.stdout.write(`${summary ?? `${stage.name}: done`}\n${stage.name} finished in ${seconds}s\n`)
  }
  return EXIT.ok
})
