/**
 * `bun ops/check-env.ts [.env]`: names every secret docker-compose.yml requires that the env file
 * leaves empty (compose stops at the first), then exits 1; exits 0 when all are set. Run it after
 * `cp .env.example .env` and before `docker compose up`.
 */
import { join } from 'node:path'
import { findVariableRefs, missingRequired, parseEnvFile } from './compose-env.ts'

const root = join(import.meta.dir, '..')
const envPath = process.argv[2] ?? join(root, '.env')
const envFile = Bun.file(envPath)
if (!(await envFile.exists())) {
  console.error(`error: ${envPath} not found: cp .env.example .env, then fill in its empty secrets`)
  process.exit(2)
}
const composeText = await Bun.file(join(root, 'docker-compose.yml')).text()
const env = { ...parseEnvFile(await envFile.text()) }
const missing = missingRequired(composeText, env)
const required = new Set(
  findVariableRefs(composeText)
    .filter((r) => r.operator.endsWith('?'))
    .map((r) => r.name),
)
if (missing.length > 0) {
  console.error(`${envPath}: ${missing.length} of ${required.size} required settings missing:`)
  for (const { name, message } of missing) console.error(`  ${name}: ${message}`)
  process.exit(1)
}
console.log(`${envPath}: all ${required.size} required settings are set (${[...required].join(', ')})`)
