/**
 * Rewrites the committed PokéAPI snapshot from a folder holding PokéAPI's CSV files
 * (`move_names.csv`, `move_flavor_text*.csv`, `pokemon_species_names.csv`):
 *
 *   bun scripts/pokeapi-snapshot.ts path/to/pokeapi/data/v2/csv
 *
 * Only the 226 Let's Go moves and 153 species are kept. Update the provenance in
 * plugins/etl/sources/pokeapi/snapshot/README.md when you do.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { buildSnapshot } from '../plugins/etl/sources/pokeapi/snapshot/build.ts'
import { SNAPSHOT_FILE } from '../plugins/etl/sources/pokeapi/snapshot/index.ts'
import written from '../plugins/etl/sources/pokeapi/snapshot/written-descriptions.json'
import { extractShowdown } from '../plugins/etl/sources/showdown/index.ts'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: bun scripts/pokeapi-snapshot.ts <folder with PokéAPI CSV files>')
  process.exit(2)
}
const read = (name: string) => Bun.file(join(dir, name)).text()
const flavorFiles = (await readdir(dir)).filter((f) => /^move_flavor_text.*\.csv$/.test(f)).sort()
const base = extractShowdown()
const snapshot = buildSnapshot(
  {
    moveNames: await read('move_names.csv'),
    moveFlavorTexts: await Promise.all(flavorFiles.map(read)),
    speciesNames: await read('pokemon_species_names.csv'),
  },
  {
    moves: (base.moves ?? []).map((m) => ({ num: m.num ?? 0, slug: m.slug })),
    species: (base.species ?? []).map((s) => s.nationalDex),
  },
  written,
)
await Bun.write(SNAPSHOT_FILE, `${JSON.stringify(snapshot, null, 1)}\n`)
console.log(`${snapshot.moves.length} moves, ${snapshot.species.length} species → ${SNAPSHOT_FILE}`)
// The repository's formatter owns the layout of committed JSON.
Bun.spawnSync(['bunx', 'biome', 'format', '--write', SNAPSHOT_FILE], { stdout: 'inherit', stderr: 'inherit' })
