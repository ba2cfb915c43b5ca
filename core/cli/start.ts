/**
 * `bun run start`: everything in one process on embedded SQLite — migrate, run what the database
 * and models lack (ETL on an empty database, training when no model exists), then serve the API
 * and the web app on one port.
 */
import { runMain } from '../main.ts'
import { parseStageInput } from '../stages.ts'
import { bootRole, listen } from './boot.ts'

await runMain(async (track, { serving }) => {
  const kernel = track(await bootRole('all', process.env))
  await kernel.start()
  const runtime = {
    log: kernel.log,
    tty: process.stderr.isTTY ?? false,
    signal: new AbortController().signal,
  }
  for (const step of kernel.bootstraps) {
    if (!(await step.needed())) {
      kernel.log.info(`${step.selector}: already done, skipping`)
      continue
    }
    kernel.log.info(`${step.selector}: needed, running`)
    for (const stage of kernel.stages.select(step.selector)) {
      const summary = await kernel.stages.run(stage.name, parseStageInput(stage, []), runtime)
      if (summary) process.stdout.write(`${summary}\n`)
    }
  }
  serving(listen(kernel))
  await new Promise<void>(() => {})
})
