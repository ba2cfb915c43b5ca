import { z } from 'zod'

/** ml plugin settings (env prefix `ML_`). */
export const mlConfig = z.object({
  workers: z.coerce
    .number()
    .int()
    .min(0)
    .max(32)
    .default(2)
    .describe('Battle worker threads for datasets (0 = main thread; 2 suits a 2-core machine)'),
})
export type MlConfig = z.infer<typeof mlConfig>
