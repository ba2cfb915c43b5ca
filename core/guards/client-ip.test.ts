import { describe, expect, test } from 'bun:test'
import { Hono } from 'hono'
import { fromAddress } from '../../testing/api/security-helpers.ts'
import { clientAddress, clientBucketId, UNKNOWN_CLIENT } from './client-ip.ts'

describe('clientBucketId', () => {
  test('keeps IPv4, unwraps IPv4-mapped IPv6, groups IPv6 by /64', () => {
    expect(clientBucketId('203.0.113.9')).toBe('203.0.113.9')
    expect(clientBucketId('::ffff:203.0.113.9')).toBe('203.0.113.9')
    expect(clientBucketId('::ffff:cb00:7109')).toBe('203.0.113.9')
    expect(clientBucketId('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(clientBucketId('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64')
    expect(clientBucketId('[2001:db8::1]')).toBe('2001:db8:0:0::/64')
    expect(clientBucketId('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(clientBucketId('::1')).toBe('0:0:0:0::/64')
  })

  test('leaves what it cannot parse as it is', () => {
    expect(clientBucketId(UNKNOWN_CLIENT)).toBe(UNKNOWN_CLIENT)
    expect(clientBucketId('1::2::3')).toBe('1::2::3')
    expect(clientBucketId('1:2:3')).toBe('1:2:3')
    expect(clientBucketId('::ffff:999.0.0.1')).toBe('::ffff:999.0.0.1')
  })
})

describe('clientAddress', () => {
  const probe = (trustProxy: boolean) => {
    const app = new Hono()
    app.get('/', (c) => c.text(clientAddress(c, trustProxy)))
    return app
  }

  test('uses the socket address from Bun, and a constant without one', async () => {
    const app = probe(false)
    expect(await (await app.request('/', {}, fromAddress('198.51.100.4'))).text()).toBe('198.51.100.4')
    expect(await (await app.request('/')).text()).toBe(UNKNOWN_CLIENT)
    const forged = await app.request('/', { headers: { 'X-Forwarded-For': '1.2.3.4' } })
    expect(await forged.text()).toBe(UNKNOWN_CLIENT)
  })

  test('behind a trusted proxy, takes the last X-Forwarded-For entry', async () => {
    const app = probe(true)
    const ask = async (xff: string) =>
      (await app.request('/', { headers: { 'X-Forwarded-For': xff } }, fromAddress('10.0.0.1'))).text()
    expect(await ask('203.0.113.7')).toBe('203.0.113.7')
    expect(await ask('6.6.6.6, 203.0.113.7 ,')).toBe('203.0.113.7')
    expect(await ask('2001:db8::5')).toBe('2001:db8::5')
    expect(await ask('<script>')).toBe('10.0.0.1')
    expect(await ask('a'.repeat(200))).toBe('10.0.0.1')
  })
})
