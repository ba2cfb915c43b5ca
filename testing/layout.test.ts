import { expect, test } from 'bun:test'
import { existsSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { Glob } from 'bun'

/**
 * Test support lives in `testing/`, never in the folders production loads (`core/`, `plugins/`;
 * the Docker image copies exactly those). Checked structurally: every non-test file there must be
 * reachable by imports from a production entry point, so a fake, a fixture builder or a test
 * helper left in a production folder fails here.
 */
const ROOT = join(import.meta.dir, '..')
const ENTRIES = ['core/cli/start.ts', 'core/cli/serve.ts', 'core/cli/stage.ts']
const IMPORT = /(?:from\s+|import\s*\(\s*|new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g
const isTest = (path: string) => /\.test\.tsx?$/.test(path)

function productionFolderFiles(): string[] {
  return [...new Glob('{core,plugins}/**/*.{ts,tsx}').scanSync({ cwd: ROOT })].filter((p) => !isTest(p))
}

async function reachable(entries: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>()
  const stack = entries.map((p) => join(ROOT, p))
  while (stack.length > 0) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const match of (await Bun.file(file).text()).matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1]!)
      if (/\.tsx?$/.test(target) && existsSync(target)) stack.push(target)
    }
  }
  return new Set([...seen].map((f) => relative(ROOT, f)))
}

test('every non-test file in core/ and plugins/ is loaded by production (barrels count as entries)', async () => {
  const files = productionFolderFiles()
  // A module's index.ts is its public surface, used by other modules' tests and benches.
  const barrels = files.filter((p) => p.endsWith('/index.ts'))
  const loaded = await reachable([...ENTRIES, ...barrels])
  expect(files.filter((p) => !loaded.has(p))).toEqual([])
})

test('no production file imports test support', async () => {
  const offenders: string[] = []
  for (const path of productionFolderFiles()) {
    const source = await Bun.file(join(ROOT, path)).text()
    if (/['"](\.\.\/)+testing\//.test(source)) offenders.push(path)
  }
  expect(offenders).toEqual([])
})
