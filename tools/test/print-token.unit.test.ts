import { assertKnownOrganization, closeOrganizationSlugs, developmentToken } from '../src/development-tokens';

test('a known organisation slug gets a token', async () => {
  await expect(
    developmentToken('x'.repeat(40), { role: 'partner', organizationSlug: 'raoul-wallenberg-institute' }),
  ).resolves.toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
});

test('a mistyped slug is refused, naming the close matches', async () => {
  expect(() => assertKnownOrganization('raoul-walenberg-institute')).toThrow(
    /No organisation has the slug "raoul-walenberg-institute"\. Did you mean: raoul-wallenberg-institute/,
  );
  await expect(developmentToken('x'.repeat(40), { role: 'partner', organizationSlug: 'gwangju-city' })).rejects.toThrow(
    /gwangju-metropolitan-city/,
  );
  expect(closeOrganizationSlugs('ohchrr')).toEqual(['ohchr']);
});

test('an unknown slug with an explicit --org-id is left to the caller', async () => {
  await expect(
    developmentToken('x'.repeat(40), {
      role: 'partner',
      organizationSlug: 'new-partner',
      organizationId: '00000000-0000-4000-8000-000000000001',
    }),
  ).resolves.toBeTruthy();
});
