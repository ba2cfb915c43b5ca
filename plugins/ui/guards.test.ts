import { afterAll, beforeAll, expect, test } from 'bun:test'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { loadedPokedexFile } from '../../testing/pokedex-db.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from '../ml/index.ts'
import { uiPlugin } from './index.ts'

/** The web app's guards: what a hostile client gets (the pages themselves are tested elsewhere). */
let kernel: Kernel
beforeAll(async () => {
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin],
    // Guards act before any page handler: no model needs to be loaded (kernel not started).
    env: {
      DATABASE_URL: `sqlite:${await loadedPokedexFile()}`,
      MODELS_DIR: join(import.meta.dir, '..', '..', 'models'),
    },
  })
}, 60_000)
afterAll(() => kernel.stop())

test('/static/<name of an Object.prototype member> is a 404, not a 500 (issue 13, #4)', async () => {
  for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
    const res = await kernel.app.request(`/static/${name}`)
    expect({ name, status: res.status }).toEqual({ name, status: 404 })
  }
  expect((await kernel.app.request('/static/app.css')).status).toBe(200)
})
