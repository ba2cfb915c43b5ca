import { MlflowError } from './errors.ts'

const SCHEME = 'mlflow-artifacts:'

/**
 * The URL path (under `mlflow-artifacts/artifacts/`) to PUT `path` of a run whose artifact root
 * is `artifactUri`, or `undefined` when that root is not served by the tracking server.
 *
 * Why derive it from the URI rather than rebuild `<experiment>/<run>/artifacts`: an experiment
 * created with its own `artifact_location` (`mlflow-artifacts:/team/exp-7`) puts runs elsewhere.
 * A `mlflow-artifacts://host:port/...` authority is ignored: we always go through the tracking
 * URI we were given, which is the server doing the proxying.
 *
 * @example
 * artifactUploadPath('mlflow-artifacts:/1/abc/artifacts', 'model/model.onnx') // '1/abc/artifacts/model/model.onnx'
 * artifactUploadPath('file:///mlruns/1/abc/artifacts', 'model.onnx') // undefined
 */
export function artifactUploadPath(artifactUri: string, path: string): string | undefined {
  if (!artifactUri.startsWith(`${SCHEME}/`)) return undefined
  const segments = path.split('/')
  const unsafe =
    path === '' || path.includes('\\') || segments.some((s) => s === '' || s === '.' || s === '..')
  if (unsafe) {
    throw new MlflowError(
      'MLFLOW_INVALID_INPUT',
      `artifact path '${path}' must be relative, like 'model/model.onnx'`,
      {
        endpoint: 'PUT mlflow-artifacts/artifacts',
      },
    )
  }
  let rest = artifactUri.slice(SCHEME.length)
  if (rest.startsWith('//')) rest = rest.slice(2).replace(/^[^/]*/, '')
  const root = rest
    .split('/')
    .filter((segment) => segment !== '')
    .map(encodeURIComponent)
  return [...root, ...segments.map(encodeURIComponent)].join('/')
}
