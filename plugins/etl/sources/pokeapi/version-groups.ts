/**
 * PokéAPI version groups and the "value in Let's Go" rule.
 *
 * Why match on ids: the LGPE group has been renamed (`lets-go` in older dumps,
 * `lets-go-pikachu-lets-go-eevee` today), but its id, 19, has not. Ids are read from resource URLs.
 *
 * Why `past_values` needs care: `/move` gives today's power/accuracy/PP/type. Each `past_values`
 * entry holds the values a move had *before* the version group it names changed them. So the value
 * in effect in LGPE is, per field, the one from the entry with the smallest version group after
 * LGPE that records that field; with no such entry the current value already applied in LGPE.
 */

/** PokéAPI's id of the version group `lets-go-pikachu-lets-go-eevee`. */
export const POKEAPI_LGPE_VERSION_GROUP_ID = 19

/** The two LGPE versions (flavour texts are per version, not per version group). */
export const LGPE_VERSION_NAMES: readonly string[] = ['lets-go-pikachu', 'lets-go-eevee']

/**
 * Version groups with an id above 19 that are nevertheless older than LGPE: PokéAPI appended the
 * Japanese Generation I releases (28 `red-green-japan`, 29 `blue-japan`) after Scarlet/Violet.
 * Their changes are history, not what came after Let's Go.
 */
export const OLDER_THAN_LGPE_VERSION_GROUP_IDS: ReadonlySet<number> = new Set([28, 29])

/**
 * The numeric id at the end of a PokéAPI resource URL (`…/version-group/19/` → 19).
 *
 * @example
 * resourceIdOf('https://pokeapi.co/api/v2/evolution-chain/10/') // 10
 * resourceIdOf('https://pokeapi.co/api/v2/pokemon/pikachu') // undefined
 */
export function resourceIdOf(url: string): number | undefined {
  const id = url.match(/\/(\d+)\/?$/)?.[1]
  return id === undefined ? undefined : Number(id)
}

/**
 * True for a `version_group` reference to LGPE, whatever name it carries.
 *
 * @example
 * isLgpeVersionGroup({ url: 'https://pokeapi.co/api/v2/version-group/19/' }) // true (even if named `lets-go`)
 */
export function isLgpeVersionGroup(ref: { url: string }): boolean {
  return resourceIdOf(ref.url) === POKEAPI_LGPE_VERSION_GROUP_ID
}

/**
 * True for version groups released after LGPE.
 *
 * @example
 * isAfterLgpe(20) // true (sword-shield); isAfterLgpe(28) // false (red-green-japan)
 */
export function isAfterLgpe(versionGroupId: number | undefined): versionGroupId is number {
  return (
    versionGroupId !== undefined &&
    versionGroupId > POKEAPI_LGPE_VERSION_GROUP_ID &&
    !OLDER_THAN_LGPE_VERSION_GROUP_IDS.has(versionGroupId)
  )
}

/**
 * Resolves one field's LGPE value from the current value and `past_values`.
 *
 * @example
 * // Zippy Zap: 80 today, changed after LGPE (entry "before sword-shield: 50")
 * lgpeValue(80, [{ power: 50, version_group: { url: '…/version-group/20/' } }], (p) => p.power) // 50
 */
export function lgpeValue<Entry extends { version_group: { url: string } }, Value>(
  current: Value,
  pastValues: readonly Entry[],
  pick: (entry: Entry) => Value | null | undefined,
): Value {
  let best: { id: number; value: Value } | undefined
  for (const entry of pastValues) {
    const id = resourceIdOf(entry.version_group.url)
    const value = pick(entry)
    if (!isAfterLgpe(id) || value === null || value === undefined) continue
    if (!best || id < best.id) best = { id, value }
  }
  return best ? best.value : current
}
