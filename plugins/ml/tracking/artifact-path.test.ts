import { expect, test } from 'bun:test'
import { artifactUploadPath } from './artifact-path.ts'

test('mlflow-artifacts URIs map to the proxy path, segments encoded', () => {
  expect(artifactUploadPath('mlflow-artifacts:/1/abc/artifacts', 'model/model.onnx')).toBe(
    '1/abc/artifacts/model/model.onnx',
  )
  expect(artifactUploadPath('mlflow-artifacts://mlflow:5000/7/r/artifacts/', 'a b#.json')).toBe(
    '7/r/artifacts/a%20b%23.json',
  )
  expect(artifactUploadPath('mlflow-artifacts:/team/exp/r9/artifacts', 'x')).toBe('team/exp/r9/artifacts/x')
})

test('other artifact stores are not ours to upload to', () => {
  expect(artifactUploadPath('file:///mlruns/1/abc/artifacts', 'model.onnx')).toBeUndefined()
  expect(artifactUploadPath('s3://bucket/1/abc/artifacts', 'model.onnx')).toBeUndefined()
  expect(artifactUploadPath('/mlflow/artifacts/1/abc/artifacts', 'model.onnx')).toBeUndefined()
})

test('paths that could escape the run directory are refused', () => {
  for (const bad of ['', '/etc/passwd', '../other-run/x', 'a/../../b', 'a//b', 'a\\b']) {
    expect(() => artifactUploadPath('mlflow-artifacts:/1/abc/artifacts', bad)).toThrow(/must be relative/)
  }
})
