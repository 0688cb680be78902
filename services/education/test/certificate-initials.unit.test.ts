import { initialsOf } from '../src/certificate/certificate.code';

describe('holderInitials take only letters', () => {
  test.each([
    ['Kim Min-jun', 'K. M. J.'],
    ['김민준', '김.'],
    ['홍 길동', '홍. 길.'],
    ['Élodie Ångström', 'É. Å.'],
    // Decomposed (NFD) input: the combining accent stays with its letter.
    ['E\u0301lodie Ångström', 'É. Å.'],
    ['Sample Participant 2', 'S. P.'],
    ['Jean-Luc Picard 3rd', 'J. L. P.'],
    ['  Anna   -  Lena  ', 'A. L.'],
    ["O'Brien (Seán)", 'O. S.'],
  ])('%s -> %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });

  test('a name without letters has no initials', () => {
    expect(initialsOf('2 - 42')).toBeNull();
  });
});
