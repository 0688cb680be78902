/**
 * The network's shared human rights themes. Every subgraph uses this one enum, so a theme means the same
 * thing on a policy, an event and a programme.
 */
export enum Theme {
  HOUSING = 'HOUSING',
  MIGRANTS_AND_REFUGEES = 'MIGRANTS_AND_REFUGEES',
  DISABILITY = 'DISABILITY',
  GENDER_EQUALITY = 'GENDER_EQUALITY',
  CHILDREN_AND_YOUTH = 'CHILDREN_AND_YOUTH',
  OLDER_PERSONS = 'OLDER_PERSONS',
  EDUCATION = 'EDUCATION',
  PARTICIPATION = 'PARTICIPATION',
  ENVIRONMENT_AND_CLIMATE = 'ENVIRONMENT_AND_CLIMATE',
  ANTI_DISCRIMINATION = 'ANTI_DISCRIMINATION',
  PEACE = 'PEACE',
  POVERTY_AND_INEQUALITY = 'POVERTY_AND_INEQUALITY',
  DIGITAL_RIGHTS = 'DIGITAL_RIGHTS',
  CIVIC_SPACE = 'CIVIC_SPACE',
  HEALTH = 'HEALTH',
  CULTURAL_RIGHTS = 'CULTURAL_RIGHTS',
  ACCESS_TO_JUSTICE = 'ACCESS_TO_JUSTICE',
  HUMAN_RIGHTS_INSTITUTIONS = 'HUMAN_RIGHTS_INSTITUTIONS',
}

/** UN Sustainable Development Goals are numbered 1 to 17. */
export const SDG_MIN = 1;
export const SDG_MAX = 17;

/** ISO 3166-1 alpha-2: two capital letters. Existence is checked against the list below. */
export const ISO_COUNTRY_PATTERN = /^[A-Z]{2}$/;

// ISO 3166-1 alpha-2 codes in use (249), so "XX" is refused rather than stored.
const ISO_COUNTRIES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export function isIsoCountry(code: string): boolean {
  return ISO_COUNTRIES.has(code);
}

/** Whether every item is a UN Sustainable Development Goal number. */
export function isSdgList(value: unknown): boolean {
  return Array.isArray(value) && value.every((goal) => Number.isInteger(goal) && goal >= SDG_MIN && goal <= SDG_MAX);
}
