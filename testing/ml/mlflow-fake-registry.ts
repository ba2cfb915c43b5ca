import {
  type FakeHandler,
  FakeMlflowError,
  type FakeModelVersion,
  type FakeRegisteredModel,
  type FakeRequestContext,
  invalid,
  notFound,
  requireString,
} from './mlflow-fake-state.ts'

/** The fake's model registry endpoints: registered models, versions and aliases (no stages). */

const ALIAS_PATTERN = /^[\w-]+$/
const VERSION_LIKE_ALIAS = /^[vV]\d+$/

function model(ctx: FakeRequestContext, name: string): FakeRegisteredModel {
  const found = ctx.state.models.get(name)
  if (!found) throw notFound(`Registered Model with name=${name} not found`)
  return found
}

const versionJson = (registered: FakeRegisteredModel, v: FakeModelVersion) => ({
  name: v.name,
  version: v.version,
  creation_timestamp: v.creationTimestamp,
  last_updated_timestamp: v.creationTimestamp,
  current_stage: 'None',
  description: '',
  source: v.source,
  run_id: v.runId,
  status: 'READY',
  aliases: [...registered.aliases].filter(([, version]) => version === v.version).map(([alias]) => alias),
})

const createRegisteredModel: FakeHandler = (ctx) => {
  const name = requireString(ctx.body, 'name')
  if (ctx.state.models.has(name)) {
    throw new FakeMlflowError('RESOURCE_ALREADY_EXISTS', `Registered Model (name=${name}) already exists.`)
  }
  const created = { name, creationTimestamp: ctx.now(), versions: [], aliases: new Map() }
  ctx.state.models.set(name, created)
  return {
    registered_model: {
      name,
      creation_timestamp: created.creationTimestamp,
      last_updated_timestamp: created.creationTimestamp,
    },
  }
}

/**
 * Mirrors MLflow's source checks: no `..` anywhere, and a local path only together with a run
 * whose own (local) artifact directory contains it.
 */
function checkSource(ctx: FakeRequestContext, source: string, runId: string): void {
  if (decodeURIComponent(source).split('/').includes('..')) {
    throw invalid(
      `Invalid model version source: '${source}'. An absolute path must be provided without relative path references present.`,
    )
  }
  const local = source.startsWith('/') || source.startsWith('file:') || !/^[a-z][\w+.-]*:/i.test(source)
  if (!local) return
  const run = runId ? ctx.state.runs.get(runId) : undefined
  const runRoot = run?.artifactUri.replace(/^file:\/\//, '')
  const path = source.replace(/^file:\/\//, '')
  if (runRoot?.startsWith('/') && (path === runRoot || path.startsWith(`${runRoot}/`))) return
  throw invalid(
    `Invalid model version source: '${source}'. To use a local path as a model version source, the run_id request ` +
      'parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.',
  )
}

const createModelVersion: FakeHandler = (ctx) => {
  const registered = model(ctx, requireString(ctx.body, 'name'))
  const source = requireString(ctx.body, 'source')
  const runId = typeof ctx.body['run_id'] === 'string' ? ctx.body['run_id'] : ''
  if (runId && !ctx.state.runs.has(runId)) throw notFound(`Run with id=${runId} not found`)
  checkSource(ctx, source, runId)
  const version: FakeModelVersion = {
    name: registered.name,
    version: String(registered.versions.length + 1),
    source,
    runId,
    creationTimestamp: ctx.now(),
  }
  registered.versions.push(version)
  return { model_version: versionJson(registered, version) }
}

function checkAlias(alias: string): void {
  if (!ALIAS_PATTERN.test(alias)) {
    throw invalid(
      `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`,
    )
  }
  if (alias.toLowerCase() === 'latest') throw invalid("'latest' alias name (case insensitive) is reserved.")
  if (VERSION_LIKE_ALIAS.test(alias)) throw invalid(`Version alias name '${alias}' is reserved.`)
}

const setAlias: FakeHandler = (ctx) => {
  const registered = model(ctx, requireString(ctx.body, 'name'))
  const alias = requireString(ctx.body, 'alias')
  // MLflow wants the version as a JSON string; the number 2 is refused.
  const version = requireString(ctx.body, 'version')
  checkAlias(alias)
  if (!registered.versions.some((v) => v.version === version)) {
    throw notFound(`Model Version (name=${registered.name}, version=${version}) not found`)
  }
  registered.aliases.set(alias, version)
  return {}
}

const getByAlias: FakeHandler = (ctx) => {
  const registered = model(ctx, ctx.query.get('name') ?? '')
  const alias = ctx.query.get('alias') ?? ''
  const version = registered.aliases.get(alias)
  // What MLflow's SQL and file stores really answer for an unset alias: 400, not 404.
  if (version === undefined) throw invalid(`Registered model alias ${alias} not found.`)
  const found = registered.versions.find((v) => v.version === version)!
  return { model_version: versionJson(registered, found) }
}

const deleteAlias: FakeHandler = (ctx) => {
  const registered = model(ctx, requireString(ctx.body, 'name'))
  registered.aliases.delete(requireString(ctx.body, 'alias'))
  return {}
}

export const registryRoutes: Record<string, FakeHandler> = {
  'POST mlflow/registered-models/create': createRegisteredModel,
  'POST mlflow/model-versions/create': createModelVersion,
  'POST mlflow/registered-models/alias': setAlias,
  'GET mlflow/registered-models/alias': getByAlias,
  'DELETE mlflow/registered-models/alias': deleteAlias,
}
