import { z } from 'zod'
import { createBatchReport, type ReportBatchValue } from './batch-metrics.ts'
import { KernelError, UsageError } from './errors.ts'
import type { Logger } from './log.ts'
import type { StageOutcome } from './pushgateway.ts'

/** What a stage's `run` receives besides its parsed input. */
export interface StageRuntime {
  readonly log: Logger
  /** True when stderr is a terminal (draw bars) rather than a log collector. */
  readonly tty: boolean
  readonly signal: AbortSignal
}

/** What a stage's `run` receives: the caller's runtime plus `report` for its run metrics. */
export interface StageRunContext extends StageRuntime {
  /** Reports a value of this run (rows changed, model metrics…), pushed when the run ends. */
  readonly report: ReportBatchValue
}

export interface StageDefinition<I = unknown> {
  /** `<plugin>:<verb>`, e.g. `etl:load`. */
  readonly name: string
  readonly description: string
  /** zod object for the stage's CLI flags (`--csv-dir x` → `csvDir`). */
  readonly input?: z.ZodType<I>
  /**
   * false for tools that need flags and are not a step of the plugin's pipeline (e.g. `ml:battle`):
   * `bun run stage ml` skips them; `bun run stage ml:battle -- …` runs them.
   */
  readonly inPipeline?: boolean
  run(input: I, runtime: StageRunContext): Promise<string | void>
}

const STAGE_NAME = /^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/

/**
 * Declares a pipeline stage. Runs are single-flight per name: a second call with the same input
 * while one runs joins it; one with other input is refused (`STAGE_BUSY`) rather than silently
 * getting the first call's result.
 *
 * @example
 * const verify = defineStage({ name: 'etl:verify', description: 'Quality gates', async run() { … } })
 */
export function defineStage<I>(stage: StageDefinition<I>): StageDefinition<I> {
  if (!STAGE_NAME.test(stage.name)) {
    throw new KernelError('STAGE_NAME_INVALID', `stage name "${stage.name}" must look like <plugin>:<verb>`)
  }
  return stage
}

/** Turns `--csv-dir d --force --k=16` into `{ csvDir: 'd', force: true, k: '16' }`. */
export function parseFlags(args: readonly string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {}
  const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') continue
    if (!arg.startsWith('--'))
      throw new UsageError('STAGE_ARGS', `unexpected argument "${arg}" (flags look like --name value)`)
    const eq = arg.indexOf('=')
    if (eq > 0) {
      out[camel(arg.slice(2, eq))] = arg.slice(eq + 1)
      continue
    }
    const next = args[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      out[camel(arg.slice(2))] = next
      i++
    } else out[camel(arg.slice(2))] = true
  }
  return out
}

/** Parses a stage's flags with its schema; problems become a usage error (exit 2) naming each flag. */
export function parseStageInput<I>(stage: StageDefinition<I>, args: readonly string[]): I {
  const flags = parseFlags(args)
  const schema = (stage.input ?? z.object({}).strict()) as z.ZodType<I>
  const parsed = schema.safeParse(flags)
  if (parsed.success) return parsed.data
  const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
  const problems = parsed.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => `--${kebab(k)}`).join(', ') : ''
    const flag = issue.path.length > 0 ? `--${kebab(String(issue.path[0]))}` : keys
    return `  ${flag}: ${issue.message}`
  })
  throw new UsageError('STAGE_INPUT_INVALID', `invalid flags for ${stage.name}:\n${problems.join('\n')}`)
}

/**
 * A stage's `--help`: its description and one line per flag (name, default, description), read
 * from its zod input, so the help cannot drift from what the stage accepts.
 *
 * @example
 * describeStage(trainStage) // "ml:train — Search, train…\n  --grid <none|fast|extended>  (default fast) …"
 */
export function describeStage(stage: StageDefinition<any>): string {
  const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
  const shape = stage.input instanceof z.ZodObject ? (stage.input.shape as Record<string, z.ZodType>) : {}
  const lines = Object.entries(shape).map(([key, field]) => {
    const fallback = field.safeParse(undefined)
    const dflt =
      fallback.success && fallback.data !== undefined ? ` (default ${JSON.stringify(fallback.data)})` : ''
    return `  --${kebab(key).padEnd(14)} ${field.description ?? ''}${dflt}`
  })
  const usage = `usage: bun run stage ${stage.name}${lines.length > 0 ? ' -- [flags]' : ''}`
  return [
    `${stage.name}: ${stage.description}`,
    usage,
    ...(lines.length > 0 ? ['flags:', ...lines] : ['no flags']),
  ].join('\n')
}

/** The kernel's stage registry. */
export interface StageRegistry {
  add(plugin: string, stage: StageDefinition<any>): void
  list(): readonly (StageDefinition<any> & { plugin: string })[]
  /** Stages matching `etl` (all of the plugin's, in declared order) or `etl:load` (one). */
  select(selector: string): (StageDefinition<any> & { plugin: string })[]
  run(name: string, input: unknown, runtime: StageRuntime): Promise<string | void>
  freeze(): void
}

/**
 * @param options.onFinished called once per run, success or failure, with what the run reported
 *   (the kernel pushes it to the Pushgateway when one is configured); awaited before `run` settles.
 */
export function createStageRegistry(
  options: { onFinished?: (outcome: StageOutcome) => Promise<void> } = {},
): StageRegistry {
  const stages: (StageDefinition<any> & { plugin: string })[] = []
  const inFlight = new Map<string, { input: string; signal: AbortSignal; promise: Promise<string | void> }>()
  let frozen = false
  return {
    add(plugin, stage) {
      if (frozen) throw new KernelError('KERNEL_FROZEN', `stage ${stage.name} added after setup`, { plugin })
      if (!stage.name.startsWith(`${plugin}:`)) {
        throw new KernelError('STAGE_NAME_INVALID', `stage ${stage.name} must be named ${plugin}:<verb>`, {
          plugin,
        })
      }
      if (stages.some((s) => s.name === stage.name)) {
        throw new KernelError('STAGE_DUPLICATE', `stage ${stage.name} is registered twice`, { plugin })
      }
      stages.push({ ...stage, plugin })
    },
    list: () => stages,
    select(selector) {
      const found = selector.includes(':')
        ? stages.filter((s) => s.name === selector)
        : stages.filter((s) => s.plugin === selector && s.inPipeline !== false)
      if (found.length === 0) {
        const known = stages.map((s) => `  ${s.name.padEnd(16)} ${s.description}`).join('\n')
        throw new UsageError('STAGE_UNKNOWN', `unknown stage "${selector}". Stages:\n${known}`)
      }
      return found
    },
    run(name, input, runtime) {
      // A run whose caller gave up (aborted its signal: a cancelled command, a timed-out test) no
      // longer holds the name: it may still be winding down, but it must not block the next run.
      if (inFlight.get(name)?.signal.aborted) inFlight.delete(name)
      const running = inFlight.get(name)
      const key = JSON.stringify(input ?? null)
      if (running?.input === key) return running.promise
      if (running) {
        return Promise.reject(
          new KernelError(
            'STAGE_BUSY',
            `stage ${name} is already running with other flags; wait for it to finish`,
          ),
        )
      }
      const stage = stages.find((s) => s.name === name)
      if (!stage) return Promise.reject(new UsageError('STAGE_UNKNOWN', `unknown stage "${name}"`))
      const entry = {
        input: key,
        signal: runtime.signal,
        promise: Promise.resolve() as Promise<string | void>,
      }
      entry.promise = (async () => {
        await Promise.resolve() // let the entry be registered before the run can finish
        const batch = createBatchReport()
        const started = performance.now()
        let ok = false
        try {
          const log = runtime.log.child({ stage: name })
          const summary = await stage.run(input, { ...runtime, log, report: batch.report })
          ok = true
          return summary
        } catch (cause) {
          // Bad input stays a usage error (exit 2); anything else is a failure of the stage (exit 1).
          if (cause instanceof UsageError) throw cause
          throw new KernelError('STAGE_FAILED', `stage ${name} failed`, { plugin: stage.plugin, cause })
        } finally {
          if (inFlight.get(name) === entry) inFlight.delete(name)
          await options.onFinished?.({
            stage: name,
            ok,
            seconds: (performance.now() - started) / 1000,
            finishedAt: Date.now() / 1000,
            samples: batch.samples(),
          })
        }
      })()
      inFlight.set(name, entry)
      return entry.promise
    },
    freeze() {
      frozen = true
    },
  }
}
