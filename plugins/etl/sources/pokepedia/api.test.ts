import { describe, expect, test } from 'bun:test'
import { learnsetPageOf, pageUrl, parseApiUrl, readParseAnswer } from './api.ts'

const url = 'https://www.pokepedia.fr/api.php'
const answer = (status: number, body: string) =>
  readParseAnswer({ status, body, fromCache: false, url }, 'wikitext')

describe('page names and URLs', () => {
  test('spaces become underscores, the generation-7 sub-page is appended', () => {
    expect(learnsetPageOf("Rattata d'Alola")).toBe("Rattata_d'Alola/Génération_7")
    expect(learnsetPageOf('M. Mime')).toBe('M._Mime/Génération_7')
  })

  test('URLs are percent-encoded and the base URL may end with a slash', () => {
    expect(pageUrl('https://www.pokepedia.fr/', 'Nidoran♀/Génération_7')).toBe(
      'https://www.pokepedia.fr/Nidoran%E2%99%80/G%C3%A9n%C3%A9ration_7',
    )
    expect(parseApiUrl('https://www.pokepedia.fr', "Rattata_d'Alola/Génération_7", 'text')).toBe(
      "https://www.pokepedia.fr/api.php?action=parse&format=json&formatversion=2&redirects=1&prop=text&page=Rattata_d'Alola%2FG%C3%A9n%C3%A9ration_7",
    )
  })
})

describe('readParseAnswer', () => {
  test('both JSON shapes give the content', () => {
    expect(answer(200, '{"parse":{"wikitext":"== A =="}}')).toEqual({ kind: 'content', content: '== A ==' })
    expect(answer(200, '{"parse":{"wikitext":{"*":"== A =="}}}')).toEqual({
      kind: 'content',
      content: '== A ==',
    })
  })

  test('404 and missingtitle (HTTP 200) both mean the page does not exist', () => {
    expect(answer(404, 'Not Found').kind).toBe('missing')
    expect(
      answer(200, '{"error":{"code":"missingtitle","info":"The page you specified doesn\'t exist."}}'),
    ).toEqual({
      kind: 'missing',
      reason: "missingtitle: The page you specified doesn't exist.",
    })
  })

  test('other failures are failures, with a reason', () => {
    expect(answer(503, '')).toEqual({ kind: 'failed', reason: 'HTTP 503' })
    expect(answer(200, '<html>captcha</html>')).toEqual({
      kind: 'failed',
      reason: 'the API answer is not JSON',
    })
    expect(answer(200, '{"parse":{}}')).toEqual({
      kind: 'failed',
      reason: 'the API answer has no parse.wikitext',
    })
    expect(answer(200, '{"error":{"code":"ratelimited","info":"slow down"}}').kind).toBe('failed')
  })
})
