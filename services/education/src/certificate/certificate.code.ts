import { randomBytes } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** 160 random bits: far beyond guessing, even for a caller who can try millions of codes. */
const CODE_BYTES = 20;
const CODE_PATTERN = /^[A-Z2-7]{32}$/;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return output;
}

/** A new verification code in its stored form: 32 base32 characters. */
export function newCertificateCode(): string {
  return base32(randomBytes(CODE_BYTES));
}

/** Groups of four for reading aloud and typing: ABCD-EFGH-… */
export function formatCertificateCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** The stored form of a code as a person may type it (any case, with or without hyphens), or null if malformed. */
export function normalizeCertificateCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** A word's first letter with any combining marks, once leading punctuation is skipped ("(Seán)" -> "S"). */
const FIRST_LETTER = /^\p{P}*(\p{L}\p{M}*)/u;

/**
 * "Kim Min-jun" -> "K. M. J.": enough to match a certificate to its holder, not to identify them. Only letters count:
 * a word that starts with a digit ("Participant 2", "3rd") gives no initial, and a name without letters gives null.
 */
export function initialsOf(name: string): string | null {
  const initials = name
    .normalize('NFC')
    .split(/[\s\p{Pd}]+/u)
    .map((word) => FIRST_LETTER.exec(word)?.[1])
    .filter((letter): letter is string => letter !== undefined)
    .map((letter) => `${letter.toLocaleUpperCase()}.`);
  return initials.length > 0 ? initials.join(' ') : null;
}
