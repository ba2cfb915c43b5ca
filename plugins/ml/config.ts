import { availableParallelism } from 'node:os'
import { z } from 'zod'

/** ml plugin settings (env prefix `ML_`). */
export const mlConfig = z.object({
  workers: z.coerce
    .number()
    .int()
    .min(0)
    .max(32)
    .default(Math.min(2, availableParallelism()))
    .describe('Battle worker threads for datasets (0 = main thread)'),
})
export type MlConfig = z.infer<typeof mlConfig>
