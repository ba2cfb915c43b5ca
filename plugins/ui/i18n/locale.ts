import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { TypeRow } from '../../../core/contracts/pokedex.ts'
import { en } from './en.ts'
import { fr, type Messages } from './fr.ts'

/** The languages of the web app; French is the default. */
export const LANGS = ['fr', 'en'] as const
export type Lang = (typeof LANGS)[number]

const MESSAGES: Record<Lang, Messages> = { fr, en }
const INTL: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' }
/** The cookie that remembers a `?lang=` choice for a year. */
export const LANG_COOKIE = 'lang'

/**
 * Everything a page needs to speak one language: its messages, names of Pokédex rows in that
 * language, and number, percentage and date formats (« 92,8 % » in French, "92.8%" in English).
 */
export interface Locale {
  lang: Lang
  t: Messages
  /** French name when known in French (English otherwise); the English name in English. */
  name(entry: { name_fr: string | null; name_en: string }): string
  /** The other language's name, shown small next to the main one (null when it is the same). */
  otherName(entry: { name_fr: string | null; name_en: string }): string | null
  typeName(type: TypeRow): string
  /** A number with the language's separators and exactly `digits` decimals. */
  number(value: number, digits?: number): string
  /** A share (0–1) as a percentage: « 56,3 % » / "56.3%". */
  percent(share: number, digits?: number): string
  /** An ISO date-time as the language writes it, e.g. « 26 novembre 2026 à 14:05 ». */
  date(iso: string): string
}

/**
 * Builds the locale of one language.
 *
 * @example
 * createLocale('fr').percent(0.928) // '92,8 %'
 */
export function createLocale(lang: Lang): Locale {
  const tag = INTL[lang]
  const numbers = new Map<number, Intl.NumberFormat>()
  const format = (digits: number) => {
    let f = numbers.get(digits)
    if (!f) {
      f = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits })
      numbers.set(digits, f)
    }
    return f
  }
  const dates = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })
  return {
    lang,
    t: MESSAGES[lang],
    name: (e) => (lang === 'fr' ? (e.name_fr ?? e.name_en) : e.name_en),
    otherName: (e) => {
      const other = lang === 'fr' ? e.name_en : e.name_fr
      return other && other !== (lang === 'fr' ? (e.name_fr ?? e.name_en) : e.name_en) ? other : null
    },
    typeName: (type) => (lang === 'fr' ? type.name_fr : type.name_en),
    number: (value, digits = 0) => format(digits).format(value),
    percent: (share, digits = 1) =>
      lang === 'fr' ? `${format(digits).format(100 * share)} %` : `${format(digits).format(100 * share)}%`,
    date: (iso) => {
      const d = new Date(iso)
      return Number.isNaN(d.getTime()) ? iso : `${dates.format(d)} UTC`
    },
  }
}

const LOCALES: Record<Lang, Locale> = { fr: createLocale('fr'), en: createLocale('en') }

const isLang = (value: string | undefined): value is Lang => LANGS.includes(value as Lang)

/**
 * The request's language: `?lang=` (remembered in a cookie), else the cookie, else French.
 *
 * @example
 * const l = localeOf(c); l.t.nav.pokedex // 'Pokédex'
 */
export function localeOf(c: Context): Locale {
  const asked = c.req.query('lang')
  if (isLang(asked)) {
    if (getCookie(c, LANG_COOKIE) !== asked) {
      setCookie(c, LANG_COOKIE, asked, { path: '/', maxAge: 31_536_000, sameSite: 'Lax' })
    }
    return LOCALES[asked]
  }
  const remembered = getCookie(c, LANG_COOKIE)
  return LOCALES[isLang(remembered) ? remembered : 'fr']
}

/** Lower case without accents or ligatures, so « Nœunœuf », « noeunoeuf » and « Électrik » match. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[’‘`]/g, "'")
    .trim()
}
