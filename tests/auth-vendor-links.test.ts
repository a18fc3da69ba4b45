/** domain/integrity/vendor-links.ts: which bidders share an NPWP or a director, and what leaves masked. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkedBidders, maskDigits, normaliseName, normaliseNpwp, type VendorProfile } from '../domain/integrity/vendor-links';

const v = (vendorId: string, npwp: string | null, directors: VendorProfile['directors'] = []): VendorProfile => ({ vendorId, npwp, directors });

describe('vendor links', () => {
  test('independent bidders: no group', () => {
    assert.deepEqual(
      linkedBidders([
        v('a', '011111111111000', [{ name: 'Ahmad', nik: '1111111111111111' }]),
        v('b', '022222222222000', [{ name: 'Budi', nik: '2222222222222222' }]),
      ]),
      [],
    );
    assert.deepEqual(linkedBidders([]), []);
  });

  test('a shared NPWP links two bidders, the 15- and 16-digit forms are one number, only 4 digits show', () => {
    const groups = linkedBidders([v('b', '01.234.567.8-402.000'), v('a', '0012345678402000'), v('c', '099999999999000')]);
    assert.deepEqual(groups, [{ vendors: ['a', 'b'], shared: [{ kind: 'npwp', npwp: '************2000', vendors: ['a', 'b'] }] }]);
  });

  test('a garbled or blank NPWP links nobody', () => {
    assert.deepEqual(linkedBidders([v('a', ''), v('b', ''), v('c', '123'), v('d', '123'), v('e', null), v('f', null)]), []);
    assert.equal(normaliseNpwp('12.345'), null);
  });

  test('a director with the same NIK links bidders whatever the spelling; the NIK shows masked', () => {
    const groups = linkedBidders([
      v('karya', '011111111111000', [{ name: 'Ir. Ahmad Suryadi, M.T.', nik: '9971011203700001' }]),
      v('tirta', '022222222222000', [{ name: 'A. Suryadi', nik: '9971011203700001' }]),
    ]);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]!.shared, [
      { kind: 'director', name: 'Ir. Ahmad Suryadi, M.T.', nik: '************0001', matchedBy: 'nik', vendors: ['karya', 'tirta'] },
    ]);
    assert.ok(!JSON.stringify(groups).includes('997101120370'), 'no more than the last 4 digits of a NIK');
  });

  test('equal names with different NIKs are two people; without a NIK on one side the name decides', () => {
    assert.deepEqual(
      linkedBidders([v('a', null, [{ name: 'Budi Santoso', nik: '1111111111111111' }]), v('b', null, [{ name: 'BUDI SANTOSO', nik: '2222222222222222' }])]),
      [],
    );
    const byName = linkedBidders([
      v('a', null, [{ name: 'Budi Santoso', nik: '1111111111111111' }]),
      v('b', null, [{ name: 'H. Budi  Santoso, S.E.' }]),
      v('c', null, [{ name: 'budi santoso', nik: null }]),
    ]);
    assert.deepEqual(byName, [
      {
        vendors: ['a', 'b', 'c'],
        shared: [{ kind: 'director', name: 'Budi Santoso', nik: '************1111', matchedBy: 'name', vendors: ['a', 'b', 'c'] }],
      },
    ]);
    const neitherNik = linkedBidders([v('a', null, [{ name: 'Dewi Lestari' }]), v('b', null, [{ name: 'dewi lestari' }])]);
    assert.deepEqual(neitherNik[0]!.shared, [{ kind: 'director', name: 'Dewi Lestari', nik: null, matchedBy: 'name', vendors: ['a', 'b'] }]);
  });

  test('links are transitive: A–B by NPWP and B–C by director make one group naming both', () => {
    const groups = linkedBidders([
      v('a', '011111111111000'),
      v('b', '011111111111000', [{ name: 'Rudi', nik: '3333333333333333' }]),
      v('c', '033333333333000', [{ name: 'Rudi', nik: '3333333333333333' }]),
      v('d', '044444444444000', [{ name: 'Sari' }]),
      v('e', '055555555555000', [{ name: 'Sari' }]),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.vendors, g.shared.map((s) => s.kind)]),
      [
        [
          ['a', 'b', 'c'],
          ['director', 'npwp'],
        ],
        [['d', 'e'], ['director']],
      ],
    );
  });

  test('one vendor naming the same director twice is not a link', () => {
    assert.deepEqual(
      linkedBidders([
        v('a', null, [
          { name: 'Rudi', nik: '3333333333333333' },
          { name: 'Rudi H.', nik: '3333333333333333' },
        ]),
      ]),
      [],
    );
  });

  test('names: titles, degrees, case, accents and invisible characters do not matter', () => {
    assert.equal(normaliseName('Prof. Dr. Ir. H. Ahmad Suryadi, S.T., M.T.'), 'ahmad suryadi');
    assert.equal(normaliseName('Ahmad\u200B Suryadi'), normaliseName('ahmad suryadi'));
    assert.equal(normaliseName('Ahmad Su\u200Bryadi'), 'ahmad suryadi');
    assert.equal(normaliseName('Andrés Suryadi'), 'andres suryadi');
    assert.equal(normaliseName('Ibu'), 'ibu', 'a title alone stays a name');
    assert.equal(normaliseName(' , '), '');
    assert.deepEqual(linkedBidders([v('a', null, [{ name: '---' }]), v('b', null, [{ name: '...' }])]), [], 'empty names link nobody');
  });

  test('masking keeps only the last 4 digits', () => {
    assert.equal(maskDigits('9971011203700001'), '************0001');
    assert.equal(maskDigits('012345678402000'), '************2000');
  });
});
