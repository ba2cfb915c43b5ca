import { z } from 'zod'
import { envBoolean } from '../../core/config.ts'

/** The web app's guards (env prefix `UI_`): the API has its own (`API_…`). */
export const uiConfig = z.object({
  rateLimitPerMinute: z.coerce
    .number()
    .int()
    .min(1)
    .default(120)
    .describe('Form posts (prediction, quiz answer) per minute per client IP; 429 above'),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16_384)
    .describe('Largest form body accepted, in bytes (413 above)'),
  trustProxy: envBoolean
    .default(false)
    .describe('true: client IP = last X-Forwarded-For entry (only behind a proxy that appends it)'),
})
export type UiConfig = z.infer<typeof uiConfig>
