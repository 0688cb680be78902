import { assignGiven } from '../src';

describe('an input applied to a record', () => {
  test('a field left out keeps its value, an explicit null clears it', () => {
    const record: { website: string | null; population: number | null; name: string } = {
      website: 'https://a.example',
      population: 5,
      name: 'A',
    };
    assignGiven(record, { website: null, name: 'B' }, ['website', 'population', 'name']);
    expect(record).toEqual({ website: null, population: 5, name: 'B' });
  });

  test('only the listed fields are copied', () => {
    const record = { name: 'A', country: 'KR' };
    assignGiven(record, { name: 'B', country: 'FR' }, ['name']);
    expect(record).toEqual({ name: 'B', country: 'KR' });
  });
});
