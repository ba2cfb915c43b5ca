import { expect, test } from 'bun:test'
import { z } from 'zod'
import { coreConfigSchema, envBoolean, envList, readConfig } from './config.ts'

const plugin = z.object({
  workers: z.coerce.number().int().min(0).default(2),
  sources: envList(z.enum(['showdown', 'pokeapi'])).default(['showdown']),
  strict: envBoolean.default(true),
})
const read = (env: Record<string, string>) =>
  readConfig(env, [
    { prefix: '', schema: coreConfigSchema },
    { prefix: 'ml', schema: plugin },
  ]).values

test('an empty variable is unset: the default applies, never 0, false or an empty list (issue 13, #9)', () => {
  const values = read({ PORT: '', ML_WORKERS: '', ML_SOURCES: '', ML_STRICT: ' ', HOST: '' })
  expect(values['']).toMatchObject({ port: 8080, host: '127.0.0.1' })
  expect(values.ml).toEqual({ workers: 2, sources: ['showdown'], strict: true })
})

test('a given value still wins, and 0 is a value when written', () => {
  const values = read({ PORT: '0', ML_WORKERS: '0', ML_STRICT: 'false', ML_SOURCES: 'pokeapi' })
  expect(values['']?.port).toBe(0)
  expect(values.ml).toEqual({ workers: 0, sources: ['pokeapi'], strict: false })
})
