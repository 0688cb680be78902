import { CONTRIBUTION_ACTIONS, assertCatalogued, defineAuditCatalogue, feedEntityTypes, localize } from '../src';

const catalogue = defineAuditCatalogue({
  Policy: { actions: CONTRIBUTION_ACTIONS, feed: true },
  Registration: { actions: ['CREATE', 'CANCEL'], feed: false },
  City: { actions: ['CREATE', 'UPDATE'], feed: true },
});

test('the change feed follows exactly the catalogue’s public types, in declaration order', () => {
  expect(feedEntityTypes(catalogue)).toEqual(['Policy', 'City']);
});

test('an action or entity type outside the catalogue is refused before anything is written', () => {
  expect(() => assertCatalogued(catalogue, 'Registration', 'CANCEL')).not.toThrow();
  expect(() => assertCatalogued(catalogue, 'Registration', 'APPROVE')).toThrow('does not allow action "APPROVE"');
  expect(() => assertCatalogued(catalogue, 'Polcy', 'CREATE')).toThrow('no entity type "Polcy"');
});

test('translations: the exact tag, then the primary language, then the original', () => {
  const name = { ko: '광주', 'zh-Hant': '光州' };
  expect(localize('Gwangju', name, 'ko-KR')).toBe('광주');
  expect(localize('Gwangju', name, 'ZH-hant')).toBe('光州');
  expect(localize('Gwangju', name, 'fr')).toBe('Gwangju');
  expect(localize('Gwangju', name, null)).toBe('Gwangju');
});
