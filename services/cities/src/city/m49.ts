import { Region } from './city.enums';

/*
 * UN M49 numeric codes (UN Statistics Division, "Standard country or area codes for statistical use", M49;
 * https://unstats.un.org/unsd/methodology/m49/). Regions: Africa 002, Americas 019, Asia 142, Europe 150, Oceania 009.
 * Country codes equal ISO 3166-1 numeric; only the countries the hub's real and synthetic data use are listed, so any
 * other country's code stays null rather than guessed.
 */
export const M49_REGION: Record<Region, string> = {
  [Region.AFRICA]: '002',
  [Region.AMERICAS]: '019',
  [Region.ASIA]: '142',
  [Region.EUROPE]: '150',
  [Region.OCEANIA]: '009',
};

const M49_COUNTRY: Record<string, string> = {
  AR: '032',
  AT: '040',
  AU: '036',
  BR: '076',
  CA: '124',
  ES: '724',
  FR: '250',
  GB: '826',
  IN: '356',
  JP: '392',
  KE: '404',
  KR: '410',
  MX: '484',
  NL: '528',
  SE: '752',
};

export function m49CountryCode(country: string): string | null {
  return M49_COUNTRY[country] ?? null;
}
