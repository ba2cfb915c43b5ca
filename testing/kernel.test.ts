import { expect, test } from 'bun:test'
import { z } from 'zod'
import { definePlugin } from '../core/plugin.ts'
import { createTestKernel, withConfig } from './kernel.ts'

test('withConfig replaces the named settings after parsing, below the schema bound, and keeps the rest', async () => {
  const seen: unknown[] = []
  const probe = definePlugin({
    name: 'probe',
    config: z.object({
      battles: z.coerce.number().int().min(500).default(1000),
      label: z.string().default('parsed'),
    }),
    setup(ctx) {
      seen.push(ctx.config)
    },
  })
  const kernel = await createTestKernel({ plugins: [withConfig(probe, { battles: 100 })] })
  await kernel.stop()
  expect(seen).toEqual([{ battles: 100, label: 'parsed' }])
})
