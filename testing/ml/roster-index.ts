import { pokedexRef, type Roster } from '../../core/contracts/pokedex.ts'
import { etlPlugin } from '../../plugins/etl/index.ts'
import { indexRoster, type RosterIndex } from '../../plugins/ml/features/roster-index.ts'
import { createTestKernel } from '../kernel.ts'
import { loadedPokedexFile } from '../pokedex-db.ts'

/**
 * The roster index of the loaded Pokédex (the shared loaded SQLite file: no ETL run), for tests
 * of features and of anything built on them. The kernel is only needed to read the roster.
 *
 * @example
 * const index = await loadedRosterIndex()
 */
export async function loadedRosterIndex(): Promise<RosterIndex> {
  const kernel = await createTestKernel({
    plugins: [etlPlugin],
    env: { DATABASE_URL: `sqlite:${await loadedPokedexFile()}` },
  })
  try {
    return indexRoster(await (kernel.services.get(pokedexRef.id) as { roster(): Promise<Roster> }).roster())
  } finally {
    await kernel.stop()
  }
}
