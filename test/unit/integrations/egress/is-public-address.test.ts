import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../../../src/integrations/egress/is-public-address.js';

describe('a public address', () => {
  it.each(['93.184.216.34', '104.16.0.1', '2606:4700::6810:1', '::ffff:93.184.216.34'])(
    'is %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.5',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    'not-an-address',
  ])('is not %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});
