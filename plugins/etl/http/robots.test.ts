import { describe, expect, test } from 'bun:test'
import { parseRobots, productTokenOf } from './robots.ts'

describe('parseRobots', () => {
  test('the longest matching rule wins, and Allow wins a tie', () => {
    const rules = parseRobots(
      ['User-agent: *', 'Disallow: /w/', 'Allow: /w/api.php', 'Disallow: /x', 'Allow: /x'].join('\n'),
      'PredictionDex-ETL',
    )
    expect(rules.isAllowed('/w/index.php?title=A')).toBe(false)
    expect(rules.isAllowed('/w/api.php?action=parse')).toBe(true)
    expect(rules.isAllowed('/x/y')).toBe(true)
    expect(rules.isAllowed('/wiki/Pikachu')).toBe(true)
  })

  test('the group naming our product token replaces the * group (case-insensitive)', () => {
    const text = [
      'User-agent: *',
      'Disallow: /',
      '',
      'User-agent: predictiondex-etl',
      'Disallow: /private',
    ].join('\n')
    const ours = parseRobots(text, 'PredictionDex-ETL')
    expect(ours.isAllowed('/wiki/Pikachu')).toBe(true)
    expect(ours.isAllowed('/private/x')).toBe(false)
    expect(parseRobots(text, 'OtherBot').isAllowed('/wiki/Pikachu')).toBe(false)
  })

  test('consecutive User-agent lines share one group; comments and CRLF are ignored', () => {
    const text = 'User-agent: a\r\nUser-agent: *  # everyone\r\nDisallow: /secret # hidden\r\n'
    const rules = parseRobots(text, 'PredictionDex-ETL')
    expect(rules.isAllowed('/secret/1')).toBe(false)
    expect(rules.isAllowed('/open')).toBe(true)
  })

  test('* matches anything and a final $ anchors the end', () => {
    const rules = parseRobots('User-agent: *\nDisallow: /*.php$\nDisallow: /*?oldid=', 'Bot')
    expect(rules.isAllowed('/index.php')).toBe(false)
    expect(rules.isAllowed('/index.php?title=A')).toBe(true)
    expect(rules.isAllowed('/wiki/A?oldid=12')).toBe(false)
  })

  test('an empty Disallow allows everything; robots.txt itself is always allowed', () => {
    expect(parseRobots('User-agent: *\nDisallow:', 'Bot').isAllowed('/anything')).toBe(true)
    expect(parseRobots('User-agent: *\nDisallow: /', 'Bot').isAllowed('/robots.txt')).toBe(true)
  })

  test('percent-encoded and raw UTF-8 paths compare equal', () => {
    const raw = parseRobots('User-agent: *\nDisallow: /Spécial:', 'Bot')
    expect(raw.isAllowed('/Sp%C3%A9cial:Recherche')).toBe(false)
    const encoded = parseRobots('User-agent: *\nDisallow: /Sp%C3%A9cial:', 'Bot')
    expect(encoded.isAllowed('/Spécial:Recherche')).toBe(false)
  })

  test('Crawl-delay is read in seconds', () => {
    expect(parseRobots('User-agent: *\nCrawl-delay: 1.5', 'Bot').crawlDelayMs).toBe(1500)
    expect(parseRobots('User-agent: *\nDisallow: /x', 'Bot').crawlDelayMs).toBeUndefined()
  })
})

test('productTokenOf keeps the name before the version', () => {
  expect(productTokenOf('PredictionDex-ETL/0.1 (+https://example.invalid)')).toBe('PredictionDex-ETL')
})
