import { City } from '../src/city/city.entity';
import { MechanismKind, Region } from '../src/city/city.enums';
import * as cityService from '../src/city/city.service';
import { Policy } from '../src/policy/policy.entity';
import { PolicyOrderField } from '../src/policy/policy.enums';
import { effectiveOrder } from '../src/policy/policy.repository';
import * as policyService from '../src/policy/policy.service';

/*
 * The cities subgraph's pure rules, without a database, HTTP or signatures: they run in milliseconds. The rules it
 * shares with the other subgraphs (the credited organisation, assignGiven, id-or-slug) are tested in the kit.
 */

/** The GraphQL error code a call throws, or 'OK'. */
function outcomeOf(call: () => unknown): string {
  try {
    call();
    return 'OK';
  } catch (error) {
    return String((error as { extensions?: { code?: string } }).extensions?.code ?? error);
  }
}

function fieldOf(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
}

describe("a city's profile", () => {
  const city = () =>
    Object.assign(new City(), { slug: 'testville', name: 'Testville', country: 'KR', region: Region.ASIA });

  test('coordinates come in pairs', () => {
    expect(fieldOf(() => cityService.applyProfile(city(), { latitude: 35.1 }))).toBe('latitude');
    expect(outcomeOf(() => cityService.applyProfile(city(), { latitude: 35.1, longitude: 126.8 }))).toBe('OK');
    const located = Object.assign(city(), { latitude: 35.1, longitude: 126.8 });
    expect(fieldOf(() => cityService.applyProfile(located, { longitude: null }))).toBe('latitude');
  });

  test('an explicit null for a required field names it', () => {
    expect(fieldOf(() => cityService.applyProfile(city(), { name: null as never }))).toBe('name');
  });

  test('mechanisms and translations are stored in their column shapes', () => {
    const changed = city();
    cityService.applyProfile(changed, {
      nameTranslations: [{ lang: 'ko', text: '테스트' }],
      mechanisms: [{ kind: MechanismKind.CHARTER, adoptedIn: 2012 }],
    });
    expect(changed.nameTranslations).toEqual({ ko: '테스트' });
    expect(changed.mechanisms).toEqual([{ kind: MechanismKind.CHARTER, adoptedIn: 2012, adoptedOn: null, note: null }]);
  });
});

describe("a policy's content", () => {
  const policy = () => Object.assign(new Policy(), { title: 'A policy', summary: 'Its summary' });

  test('SDG goals are kept in order', () => {
    const changed = policy();
    policyService.applyContent(changed, { sdgs: [16, 5, 11] });
    expect(changed.sdgs).toEqual([5, 11, 16]);
  });

  test('the year of adoption must agree with the date', () => {
    expect(fieldOf(() => policyService.applyContent(policy(), { adoptedOn: '2020-05-01', adoptedIn: 2019 }))).toBe(
      'adoptedIn',
    );
    expect(outcomeOf(() => policyService.applyContent(policy(), { adoptedOn: '2020-05-01', adoptedIn: 2020 }))).toBe(
      'OK',
    );
  });

  test('relevance orders only a search', () => {
    expect(effectiveOrder(undefined, PolicyOrderField.RELEVANCE)).toBe(PolicyOrderField.ADOPTED_ON);
    expect(effectiveOrder({ search: 'housing' }, undefined)).toBe(PolicyOrderField.RELEVANCE);
    expect(effectiveOrder(undefined, undefined)).toBe(PolicyOrderField.ADOPTED_ON);
    expect(effectiveOrder({ search: 'housing' }, PolicyOrderField.TITLE)).toBe(PolicyOrderField.TITLE);
  });
});
