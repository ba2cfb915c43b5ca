import { describe, expect, test } from 'bun:test'
import { z } from 'zod'
import { createTestKernel } from '../testing/kernel.ts'
import { KernelError } from './errors.ts'
import { definePlugin } from './plugin.ts'
import { createServiceRef } from './services.ts'
import { defineStage } from './stages.ts'

const greeterRef = createServiceRef<{ greet(): string }>('demo.greeter')

const provider = definePlugin({
  name: 'provider',
  provides: [greeterRef],
  setup(ctx) {
    ctx.services.provide(greeterRef, { greet: () => 'hello' })
  },
})
const consumer = definePlugin({
  name: 'consumer',
  requires: [greeterRef],
  setup(ctx) {
    const greeter = ctx.services.get(greeterRef)
    ctx.stages.add(
      defineStage({ name: 'consumer:greet', description: 'greets', run: async () => greeter.greet() }),
    )
  },
})

async function bootError(promise: Promise<unknown>): Promise<KernelError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(KernelError)
    return error as KernelError
  }
  throw new Error('expected boot to fail')
}

describe('kernel boot validation', () => {
  test('a missing provider fails boot naming plugin, service and role', async () => {
    const error = await bootError(createTestKernel({ plugins: [consumer], role: 'api' }))
    expect(error.code).toBe('KERNEL_SERVICE_MISSING')
    expect(error.plugin).toBe('consumer')
    expect(error.message).toBe("consumer requires demo.greeter; nothing in role 'api' provides it")
  })

  test('a plugin loaded twice fails boot', async () => {
    const error = await bootError(createTestKernel({ plugins: [provider, provider] }))
    expect(error.code).toBe('KERNEL_PLUGIN_DUPLICATE')
    expect(error.message).toContain('provider')
  })

  test('a dependency cycle fails boot and names the plugins in it', async () => {
    const aRef = createServiceRef<number>('a.value')
    const bRef = createServiceRef<number>('b.value')
    const a = definePlugin({
      name: 'a',
      requires: [bRef],
      provides: [aRef],
      setup: (c) => c.services.provide(aRef, 1),
    })
    const b = definePlugin({
      name: 'b',
      requires: [aRef],
      provides: [bRef],
      setup: (c) => c.services.provide(bRef, 2),
    })
    const error = await bootError(createTestKernel({ plugins: [a, b] }))
    expect(error.code).toBe('KERNEL_CYCLE')
    expect(error.message).toContain('a → b')
    expect(error.message).toContain('b → a')
  })

  test('providers are set up before consumers whatever the list order', async () => {
    const kernel = await createTestKernel({ plugins: [consumer, provider] })
    expect(kernel.plugins).toEqual(['provider', 'consumer'])
    await kernel.stop()
  })

  test('a declared service that setup never provides fails boot', async () => {
    const liar = definePlugin({ name: 'liar', provides: [greeterRef], setup() {} })
    const error = await bootError(createTestKernel({ plugins: [liar] }))
    expect(error.code).toBe('KERNEL_SERVICE_NOT_PROVIDED')
  })

  test('a failing setup is wrapped with the plugin name and the original cause', async () => {
    const boom = new Error('disk full')
    const broken = definePlugin({
      name: 'broken',
      setup() {
        throw boom
      },
    })
    const error = await bootError(createTestKernel({ plugins: [broken] }))
    expect(error.code).toBe('KERNEL_SETUP_FAILED')
    expect(error.plugin).toBe('broken')
    expect(error.cause).toBe(boom)
  })
})

describe('registries freeze after setup', () => {
  test('adding a stage, route or metric after setup throws', async () => {
    let saved: any
    const sneaky = definePlugin({
      name: 'sneaky',
      setup(ctx) {
        saved = ctx
      },
    })
    const kernel = await createTestKernel({ plugins: [sneaky] })
    const stage = defineStage({ name: 'sneaky:late', description: 'too late', run: async () => {} })
    expect(() => saved.stages.add(stage)).toThrow(/after setup/)
    expect(() => saved.http.mount('/late', saved.http.router())).toThrow(/after setup/)
    expect(() => saved.metrics.counter({ name: 'late_total', help: 'late' })).toThrow(/after setup/)
    await kernel.stop()
  })
})

describe('lifecycle', () => {
  test('onStart runs in order, onStop in reverse; a hung hook is cut by the timeout; stop is idempotent', async () => {
    const events: string[] = []
    const plugin = (name: string, hang = false) =>
      definePlugin({
        name,
        setup(ctx) {
          ctx.lifecycle.onStart(() => void events.push(`start ${name}`))
          ctx.lifecycle.onStop(async () => {
            events.push(`stop ${name}`)
            if (hang) await new Promise(() => {})
          })
        },
      })
    const kernel = await createTestKernel({ plugins: [plugin('one'), plugin('two', true), plugin('three')] })
    await kernel.start()
    // A hung hook that were not cut would hang stop() and fail this test by its own timeout.
    await Promise.all([kernel.stop(), kernel.stop()])
    await kernel.stop()
    expect(events).toEqual(['start one', 'start two', 'start three', 'stop three', 'stop two', 'stop one'])
    expect(kernel.logs.some((l) => l.msg === 'stop hook timed out' && l.plugin === 'two')).toBe(true)
  })
})

describe('serving hooks', () => {
  test('onServe runs only once the process serves, never on start (a stage run); a failing hook is logged', async () => {
    const events: string[] = []
    const plugin = definePlugin({
      name: 'warmer',
      setup(ctx) {
        ctx.lifecycle.onServe(() => void events.push('warm'))
        ctx.lifecycle.onServe(() => {
          throw new Error('no engine')
        })
      },
    })
    const kernel = await createTestKernel({ plugins: [plugin] })
    await kernel.start()
    expect(events).toEqual([])
    kernel.serving()
    kernel.serving() // the hooks run once
    await Bun.sleep(0)
    expect(events).toEqual(['warm'])
    const failed = kernel.logs.find((l) => l.msg === 'serving hook failed')
    expect(failed).toMatchObject({ plugin: 'warmer', error: expect.stringContaining('no engine') })
    await kernel.stop()
  })
})

describe('configuration', () => {
  test('every invalid variable of core and plugins is reported in one error', async () => {
    const configured = definePlugin({
      name: 'etl',
      config: z.object({
        sources: z.enum(['showdown', 'csv']).default('showdown'),
        workers: z.coerce.number().int().min(1).default(1),
      }),
      setup() {},
    })
    const error = await bootError(
      createTestKernel({
        plugins: [configured],
        env: { PORT: 'eighty', LOG_LEVEL: 'loud', ETL_SOURCES: 'ftp', ETL_WORKERS: '0' },
      }),
    )
    expect(error.code).toBe('CONFIG_INVALID')
    for (const name of ['PORT="eighty"', 'LOG_LEVEL="loud"', 'ETL_SOURCES="ftp"', 'ETL_WORKERS="0"']) {
      expect(error.message).toContain(name)
    }
    expect(error.message).toContain('4 problems')
  })

  test('a secret-looking variable is named but its value never printed', async () => {
    const secretive = definePlugin({
      name: 'api',
      config: z.object({ keys: z.string().regex(/^sha256:/) }),
      setup() {},
    })
    const error = await bootError(createTestKernel({ plugins: [secretive], env: { API_KEYS: 'letmein' } }))
    expect(error.message).toContain('API_KEYS=<redacted>')
    expect(error.message).not.toContain('letmein')
  })

  test('plugin config is parsed from its prefixed variables and frozen', async () => {
    let seen: any
    const configured = definePlugin({
      name: 'ml',
      config: z.object({
        skipIfExists: z.coerce.boolean().default(false),
        workers: z.coerce.number().default(1),
      }),
      setup(ctx) {
        seen = ctx.config
      },
    })
    const kernel = await createTestKernel({ plugins: [configured], env: { ML_WORKERS: '3' } })
    expect(seen).toEqual({ skipIfExists: false, workers: 3 })
    expect(Object.isFrozen(seen)).toBe(true)
    await kernel.stop()
  })
})

describe('stages', () => {
  test('a stage is single-flight: concurrent runs of one name share one execution', async () => {
    let runs = 0
    const slow = definePlugin({
      name: 'slow',
      setup(ctx) {
        ctx.stages.add(
          defineStage({
            name: 'slow:work',
            description: 'slow',
            run: async () => {
              runs++
              await Bun.sleep(20)
              return `run ${runs}`
            },
          }),
        )
      },
    })
    const kernel = await createTestKernel({ plugins: [slow] })
    const runtime = { log: kernel.log, tty: false, signal: new AbortController().signal }
    const [a, b] = await Promise.all([
      kernel.stages.run('slow:work', {}, runtime),
      kernel.stages.run('slow:work', {}, runtime),
    ])
    expect(runs).toBe(1)
    expect(a).toBe('run 1')
    expect(b).toBe('run 1')
    expect(await kernel.stages.run('slow:work', {}, runtime)).toBe('run 2')
    const first = kernel.stages.run('slow:work', { a: 1 }, runtime)
    await expect(kernel.stages.run('slow:work', { a: 2 }, runtime)).rejects.toMatchObject({
      code: 'STAGE_BUSY',
    })
    expect(await first).toBe('run 3')
    await kernel.stop()
  })

  test('services reach stages; unknown selectors list the known stages', async () => {
    const kernel = await createTestKernel({ plugins: [provider, consumer] })
    const runtime = { log: kernel.log, tty: false, signal: new AbortController().signal }
    expect(await kernel.stages.run('consumer:greet', {}, runtime)).toBe('hello')
    expect(() => kernel.stages.select('consumer:gret')).toThrow(/consumer:greet/)
    await kernel.stop()
  })
})
