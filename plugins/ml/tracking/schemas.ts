import { z } from 'zod'

/**
 * zod schemas of the MLflow REST responses we read. They keep only the fields we use and
 * tolerate the rest, so a newer server that adds fields does not break us.
 *
 * Why int64 is `number | string`: protobuf's JSON mapping writes int64 as strings; MLflow's
 * server turns them back into numbers, other implementations (proxies, Databricks) may not.
 */
const int64 = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(Number)

export const experimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  artifact_location: z.string().optional(),
  lifecycle_stage: z.string().optional(),
})

export const getExperimentResponse = z.object({ experiment: experimentSchema })
export const createExperimentResponse = z.object({ experiment_id: z.string() })

export const runInfoSchema = z.object({
  run_id: z.string(),
  experiment_id: z.string(),
  run_name: z.string().optional(),
  status: z.string().optional(),
  start_time: int64.optional(),
  end_time: int64.optional(),
  artifact_uri: z.string().default(''),
  lifecycle_stage: z.string().optional(),
})

export const createRunResponse = z.object({ run: z.object({ info: runInfoSchema }) })
export const updateRunResponse = z.object({ run_info: runInfoSchema.partial().optional() })

/** Most write endpoints answer `{}`; anything else in the body is ignored. */
export const emptyResponse = z.object({})

export const modelVersionSchema = z.object({
  name: z.string(),
  // `version` is a string on the wire ("1"); accept a number too rather than fail on a proxy.
  version: z.union([z.string(), z.number()]).transform(String),
  status: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  aliases: z.array(z.string()).default([]),
})

export const modelVersionResponse = z.object({ model_version: modelVersionSchema })

/** The error body every MLflow endpoint returns with a 4xx/5xx. */
export const errorBodySchema = z.object({ error_code: z.string(), message: z.string().default('') })

export type WireExperiment = z.infer<typeof experimentSchema>
export type WireRunInfo = z.infer<typeof runInfoSchema>
export type WireModelVersion = z.infer<typeof modelVersionSchema>
