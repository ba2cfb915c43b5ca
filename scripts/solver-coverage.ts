/**
 * Writes docs/solver-coverage.md (`bun scripts/solver-coverage.ts`): the exact solver's coverage of
 * the 226 Let's Go moves. plugins/ml/solver/coverage.test.ts fails when the committed page is stale.
 */
import { writeFileSync } from 'node:fs'
import { createLgpeEngine } from '../plugins/ml/battle/engine.ts'
import { coverageTable, renderCoverage } from '../plugins/ml/solver/coverage.ts'

import { createLegalMoves } from '../plugins/ml/solver/legal-moves.ts'

const engine = createLgpeEngine()
const text = renderCoverage(coverageTable(engine.dex, createLegalMoves(engine).all))
writeFileSync(new URL('../docs/solver-coverage.md', import.meta.url), text)
console.log(`docs/solver-coverage.md: ${text.split('\n').length} lines`)
