/**
 * The five reading phases of the PokéAPI source, in dependency order: forms, species, evolution
 * chains (ids come from species), moves, machines (ids come from moves). Each phase reads what
 * the base extract lists, through the shared loader, and keeps going past any single failure.
 */
import type { LearnsetEntry, PokemonRecord, SpeciesRecord } from '../../model.ts'
import type { EvolutionLink } from './evolution.ts'
import { readEvolutionLinks } from './evolution.ts'
import { forEachLimited, type Loader } from './loader.ts'
import { lgpeMachineIdOf, type PokeApiMoveRecord, tmNumberOf, toMoveRecord } from './moves.ts'
import { toLgpeLearnset, toPokemonRecord } from './pokemon.ts'
import { EvolutionChainJson, MachineJson, MoveJson, PokemonJson, SpeciesJson } from './schemas.ts'
import { toSpeciesRecord } from './species.ts'

export interface PhaseContext {
  loader: Loader
  baseUrl: string
  inFlight: number
  /** Model slug → PokéAPI name (they differ for a few renamed moves). */
  apiName: (slug: string) => string
  /** PokéAPI move name → model slug, undefined for moves outside the base extract. */
  moveSlugOf: (apiName: string) => string | undefined
}

const stopped = (ctx: PhaseContext) => () => ctx.loader.stopped

/**
 * Reads `/pokemon/{slug}` for every form: its record and LGPE learnset, keyed by our slug.
 *
 * @example
 * const { records, learnsets } = await readForms(ctx, base.pokemon ?? [])
 */
export async function readForms(ctx: PhaseContext, forms: readonly Pick<PokemonRecord, 'slug' | 'form'>[]) {
  const records = new Map<string, PokemonRecord>()
  const learnsets = new Map<string, LearnsetEntry[]>()
  await forEachLimited(
    forms,
    ctx.inFlight,
    async (form) => {
      const url = `${ctx.baseUrl}/pokemon/${ctx.apiName(form.slug)}`
      const json = await ctx.loader.load(url, PokemonJson)
      if (!json) return
      const record = ctx.loader.map(url, json, (value) => toPokemonRecord(value, form))
      if (!record) return
      records.set(form.slug, record)
      const learnset = toLgpeLearnset(json, form.slug, ctx.moveSlugOf)
      learnsets.set(form.slug, learnset.entries)
      for (const move of learnset.unknownMoves)
        ctx.loader.reject(`${url} (moves: ${move})`, 'LGPE move not in the base move list')
      for (const method of learnset.unknownMethods)
        ctx.loader.reject(`${url} (move_learn_method: ${method})`, 'learn method with no meaning in LGPE')
    },
    stopped(ctx),
  )
  return { records, learnsets }
}

/**
 * Reads `/pokemon-species/{slug}` for every species, collecting the evolution chain ids to read.
 *
 * @example
 * const { records, chainIds } = await readSpecies(ctx, ['pikachu', 'raichu']) // chainIds [10]
 */
export async function readSpecies(ctx: PhaseContext, slugs: readonly string[]) {
  const records = new Map<string, SpeciesRecord>()
  const chainIds = new Set<number>()
  await forEachLimited(
    slugs,
    ctx.inFlight,
    async (slug) => {
      const url = `${ctx.baseUrl}/pokemon-species/${ctx.apiName(slug)}`
      const json = await ctx.loader.load(url, SpeciesJson)
      if (!json) return
      const reading = toSpeciesRecord(json, slug)
      records.set(slug, reading.record)
      if (reading.chainId !== undefined) chainIds.add(reading.chainId)
    },
    stopped(ctx),
  )
  return { records, chainIds: [...chainIds].sort((a, b) => a - b) }
}

/**
 * Reads each evolution chain once (species share chains) and keeps links between `known` species.
 *
 * @example
 * const { links } = await readChains(ctx, [10], new Set(['pikachu', 'raichu']))
 */
export async function readChains(ctx: PhaseContext, chainIds: readonly number[], known: ReadonlySet<string>) {
  const links: EvolutionLink[] = []
  const outside: string[] = []
  ctx.loader.expect(chainIds.length)
  await forEachLimited(
    chainIds,
    ctx.inFlight,
    async (id) => {
      const json = await ctx.loader.load(`${ctx.baseUrl}/evolution-chain/${id}`, EvolutionChainJson)
      if (!json) return
      const read = readEvolutionLinks(json, known)
      links.push(...read.links)
      outside.push(...read.outside)
    },
    stopped(ctx),
  )
  return { links, outside }
}

/**
 * Reads `/move/{name}` for every move (PokéAPI spelling), with the LGPE machine that teaches it.
 *
 * @example
 * const { records, machines } = await readMoves(ctx, ['thunderbolt']) // machines: 1656 → 'thunderbolt'
 */
export async function readMoves(ctx: PhaseContext, slugs: readonly string[]) {
  const records = new Map<string, PokeApiMoveRecord>()
  /** Machine id → the move it teaches in LGPE. */
  const machines = new Map<number, string>()
  await forEachLimited(
    slugs,
    ctx.inFlight,
    async (slug) => {
      const url = `${ctx.baseUrl}/move/${ctx.apiName(slug)}`
      const json = await ctx.loader.load(url, MoveJson)
      if (!json) return
      const record = ctx.loader.map(url, json, (value) => toMoveRecord(value, slug))
      if (!record) return
      records.set(slug, record)
      const machineId = lgpeMachineIdOf(json)
      if (machineId !== undefined) machines.set(machineId, slug)
    },
    stopped(ctx),
  )
  return { records, machines }
}

/**
 * Reads the LGPE machines found on moves and returns move slug → TM number.
 *
 * @example
 * await readMachines(ctx, new Map([[1656, 'thunderbolt']])) // Map { 'thunderbolt' => 36 }
 */
export async function readMachines(ctx: PhaseContext, machines: ReadonlyMap<number, string>) {
  const tmNumbers = new Map<string, number>()
  const ids = [...machines.keys()].sort((a, b) => a - b)
  ctx.loader.expect(ids.length)
  await forEachLimited(
    ids,
    ctx.inFlight,
    async (id) => {
      const url = `${ctx.baseUrl}/machine/${id}`
      const json = await ctx.loader.load(url, MachineJson)
      if (!json) return
      const tm = tmNumberOf(json.item.name)
      const move = machines.get(id)
      if (tm === undefined || move === undefined)
        ctx.loader.reject(`${url} (field item.name)`, `"${json.item.name}" is not a TM`)
      else tmNumbers.set(move, tm)
    },
    stopped(ctx),
  )
  return tmNumbers
}
