/**
 * A robots.txt reader following RFC 9309: groups of `User-agent` lines with `Allow`/`Disallow`
 * rules; the group naming our product token wins over `*`; among the rules of that group the
 * longest matching path wins, and `Allow` wins a tie. `*` matches any characters, a final `$`
 * anchors the end. `Crawl-delay` (not in the RFC, but Poképédia-style wikis use it) is kept.
 *
 * Why percent-decoding both sides: wiki URLs carry accents (`/Bulbizarre/Génération_7`), which a
 * robots.txt may write raw or percent-encoded; comparing decoded forms treats both the same.
 */

interface Rule {
  allow: boolean
  pattern: string
  regex: RegExp
}

/** The rules that apply to us on one host. */
export interface RobotsRules {
  isAllowed(pathAndQuery: string): boolean
  /** Crawl-delay in milliseconds, when the applicable group sets one. */
  crawlDelayMs?: number
}

interface Group {
  agents: string[]
  rules: Rule[]
  crawlDelayMs?: number
}

function safeDecode(text: string): string {
  try {
    return decodeURI(text)
  } catch {
    return text
  }
}

function toRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$')
  const body = anchored ? pattern.slice(0, -1) : pattern
  const source = body
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}${anchored ? '$' : ''}`)
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = []
  let current: Group | undefined
  let lastWasAgent = false
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*/, '').trim()
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const field = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] }
        groups.push(current)
      }
      current.agents.push(value.toLowerCase())
      lastWasAgent = true
      continue
    }
    lastWasAgent = false
    if (!current) continue
    if (field === 'allow' || field === 'disallow') {
      // An empty Disallow means "nothing is disallowed": it adds no rule.
      if (value === '') continue
      const pattern = safeDecode(value)
      current.rules.push({ allow: field === 'allow', pattern, regex: toRegex(pattern) })
    } else if (field === 'crawl-delay') {
      const seconds = Number(value)
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelayMs = seconds * 1000
    }
  }
  return groups
}

/**
 * Parses a robots.txt for a user agent whose product token is `productToken` (the part of the
 * User-Agent before the first `/`, e.g. `PredictionDex-ETL`).
 *
 * @example
 * const rules = parseRobots('User-agent: *\nDisallow: /w/\nAllow: /w/api.php', 'PredictionDex-ETL')
 * rules.isAllowed('/w/index.php?title=X') // false
 * rules.isAllowed('/w/api.php?action=parse') // true
 */
export function parseRobots(text: string, productToken: string): RobotsRules {
  const token = productToken.toLowerCase()
  const groups = parseGroups(text)
  const named = groups.filter((group) => group.agents.includes(token))
  const chosen = named.length > 0 ? named : groups.filter((group) => group.agents.includes('*'))
  const rules = chosen.flatMap((group) => group.rules)
  const delays = chosen.flatMap((group) => (group.crawlDelayMs === undefined ? [] : [group.crawlDelayMs]))
  return {
    ...(delays.length > 0 ? { crawlDelayMs: Math.max(...delays) } : {}),
    isAllowed(pathAndQuery) {
      const path = safeDecode(pathAndQuery)
      // robots.txt itself is always allowed (RFC 9309 §2.2.2).
      if (path === '/robots.txt') return true
      let best: Rule | undefined
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue
        const longer = !best || rule.pattern.length > best.pattern.length
        const tieWonByAllow = best && rule.pattern.length === best.pattern.length && rule.allow
        if (longer || tieWonByAllow) best = rule
      }
      return best?.allow ?? true
    },
  }
}

/** Rules that allow everything (robots.txt missing: a 4xx answer). */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true }

/** Rules that forbid everything (robots.txt unavailable: a 5xx answer, RFC 9309 §2.3.1.4). */
export const DISALLOW_ALL: RobotsRules = { isAllowed: (path) => path === '/robots.txt' }

/** The product token of a User-Agent string (`PredictionDex-ETL/0.1 (+url)` → `PredictionDex-ETL`). */
export function productTokenOf(userAgent: string): string {
  return userAgent.trim().split(/[/\s]/)[0] ?? userAgent
}
