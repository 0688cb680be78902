import { goalOfTarget, isSdgTarget, SDG_TARGETS } from '../src/sdg-targets';

test('the 169 official targets, from 1.1 to 17.19', () => {
  expect(SDG_TARGETS).toHaveLength(169);
  expect(new Set(SDG_TARGETS).size).toBe(169);
  expect(SDG_TARGETS[0]).toBe('1.1');
  expect(SDG_TARGETS.at(-1)).toBe('17.19');
  expect(SDG_TARGETS.filter((target) => goalOfTarget(target) === 11)).toEqual([
    '11.1',
    '11.2',
    '11.3',
    '11.4',
    '11.5',
    '11.6',
    '11.7',
    '11.a',
    '11.b',
    '11.c',
  ]);
});

test.each(['11.7', '16.7', '16.b', '10.2', '1.a', '17.19'])('%s is a target', (code) => {
  expect(isSdgTarget(code)).toBe(true);
});

test.each(['11.8', '1.6', '16.c', '17.20', '17.a', '18.1', '11', '', '11.07'])('%s is not', (code) => {
  expect(isSdgTarget(code)).toBe(false);
});
