/**
 * The real network facts the hub starts with, from the design card's sourced seed facts.
 * Only facts stated there are recorded; what is unknown stays null rather than guessed.
 * Coordinates are approximate city-centre points. Indicator definitions are the hub's illustrative
 * marker set and every indicator value here is labelled as sample data in its `source`.
 */
import { Theme } from '@hrc/domain-kit';

import { MechanismKind, Network, Region } from '../src/city/city.enums';
import { IndicatorDirection, IndicatorType, InclusionTheme } from '../src/indicator/indicator.enums';
import { OrganizationKind } from '../src/organization/organization.enums';
import { PolicyStage } from '../src/policy/policy.enums';

export interface SeedCity {
  slug: string;
  name: string;
  translations: Record<string, string>;
  country: string;
  region: Region;
  latitude: number;
  longitude: number;
  declaredOn?: string;
  declaredIn?: number;
  mechanisms?: Array<{ kind: MechanismKind; adoptedIn?: number; adoptedOn?: string; note?: string }>;
  memberships?: Array<{ network: Network; joinedIn: number }>;
}

const UCLG_2022 = { network: Network.UCLG_HUMAN_RIGHTS_CITIES_2030, joinedIn: 2022 };

export const SEED_CITIES: SeedCity[] = [
  {
    slug: 'rosario',
    name: 'Rosario',
    translations: { ko: '로사리오' },
    country: 'AR',
    region: Region.AMERICAS,
    latitude: -32.9442,
    longitude: -60.6505,
    declaredOn: '1997-06-30',
  },
  {
    slug: 'graz',
    name: 'Graz',
    translations: { ko: '그라츠' },
    country: 'AT',
    region: Region.EUROPE,
    latitude: 47.0707,
    longitude: 15.4395,
    declaredOn: '2001-02-08',
    mechanisms: [{ kind: MechanismKind.COMMISSION_OR_COUNCIL, adoptedIn: 2007, note: 'Human rights council' }],
  },
  {
    slug: 'montreal',
    name: 'Montréal',
    translations: { en: 'Montreal', ko: '몬트리올' },
    country: 'CA',
    region: Region.AMERICAS,
    latitude: 45.5019,
    longitude: -73.5674,
    mechanisms: [
      {
        kind: MechanismKind.CHARTER,
        adoptedIn: 2005,
        adoptedOn: '2005-06-20',
        note: 'Montréal Charter of Rights and Responsibilities',
      },
      { kind: MechanismKind.OMBUDSPERSON, note: 'Ombudsman de Montréal' },
    ],
  },
  {
    slug: 'utrecht',
    name: 'Utrecht',
    translations: { ko: '위트레흐트' },
    country: 'NL',
    region: Region.EUROPE,
    latitude: 52.0907,
    longitude: 5.1214,
    declaredIn: 2012,
    memberships: [UCLG_2022],
  },
  {
    slug: 'vienna',
    name: 'Vienna',
    translations: { de: 'Wien', ko: '빈' },
    country: 'AT',
    region: Region.EUROPE,
    latitude: 48.2082,
    longitude: 16.3738,
    declaredOn: '2014-12-19',
    mechanisms: [{ kind: MechanismKind.HUMAN_RIGHTS_OFFICE, adoptedIn: 2015 }],
    memberships: [UCLG_2022],
  },
  {
    slug: 'york',
    name: 'York',
    translations: { ko: '요크' },
    country: 'GB',
    region: Region.EUROPE,
    latitude: 53.96,
    longitude: -1.0873,
    declaredOn: '2017-04-24',
  },
  {
    slug: 'lund',
    name: 'Lund',
    translations: { ko: '룬드' },
    country: 'SE',
    region: Region.EUROPE,
    latitude: 55.7047,
    longitude: 13.191,
    declaredIn: 2018,
  },
  {
    slug: 'gwangju',
    name: 'Gwangju',
    translations: { ko: '광주' },
    country: 'KR',
    region: Region.ASIA,
    latitude: 35.1595,
    longitude: 126.8526,
    mechanisms: [
      { kind: MechanismKind.ORDINANCE, adoptedIn: 2009 },
      { kind: MechanismKind.CHARTER, adoptedIn: 2012 },
      { kind: MechanismKind.OMBUDSPERSON, adoptedIn: 2013 },
      { kind: MechanismKind.EDUCATION_CENTRE, adoptedIn: 2020 },
    ],
    memberships: [{ network: Network.WORLD_HUMAN_RIGHTS_CITIES_FORUM, joinedIn: 2011 }, UCLG_2022],
  },
  {
    slug: 'barcelona',
    name: 'Barcelona',
    translations: { ko: '바르셀로나' },
    country: 'ES',
    region: Region.EUROPE,
    latitude: 41.3874,
    longitude: 2.1686,
    memberships: [UCLG_2022],
  },
  {
    slug: 'grigny',
    name: 'Grigny',
    translations: { ko: '그리니' },
    country: 'FR',
    region: Region.EUROPE,
    latitude: 48.6543,
    longitude: 2.393,
    memberships: [UCLG_2022],
  },
  {
    slug: 'mexico-city',
    name: 'Mexico City',
    translations: { es: 'Ciudad de México', ko: '멕시코시티' },
    country: 'MX',
    region: Region.AMERICAS,
    latitude: 19.4326,
    longitude: -99.1332,
    memberships: [UCLG_2022],
  },
];

export interface SeedOrganization {
  slug: string;
  name: string;
  translations?: Record<string, string>;
  kind: OrganizationKind;
  homeCity: string | null;
  country: string;
  website: string | null;
}

export const SEED_ORGANIZATIONS: SeedOrganization[] = [
  {
    slug: 'gwangju-metropolitan-city',
    name: 'Gwangju Metropolitan City',
    translations: { ko: '광주광역시' },
    kind: OrganizationKind.CITY_GOVERNMENT,
    homeCity: 'gwangju',
    country: 'KR',
    website: 'https://www.gwangju.go.kr',
  },
  {
    slug: 'whrcf-secretariat',
    name: 'World Human Rights Cities Forum Secretariat',
    kind: OrganizationKind.FORUM_SECRETARIAT,
    homeCity: 'gwangju',
    country: 'KR',
    website: 'https://www.whrcf.org',
  },
  {
    slug: 'gwangju-international-center',
    name: 'Gwangju International Center',
    translations: { ko: '광주국제교류센터' },
    kind: OrganizationKind.NGO,
    homeCity: 'gwangju',
    country: 'KR',
    website: 'https://gic.or.kr',
  },
  {
    slug: 'uclg-cisdp',
    name: 'UCLG Committee on Social Inclusion, Participatory Democracy and Human Rights',
    kind: OrganizationKind.CITY_NETWORK,
    homeCity: 'barcelona',
    country: 'ES',
    website: 'https://www.uclg-cisdp.org',
  },
  {
    slug: 'raoul-wallenberg-institute',
    name: 'Raoul Wallenberg Institute of Human Rights and Humanitarian Law',
    kind: OrganizationKind.RESEARCH_INSTITUTE,
    homeCity: 'lund',
    country: 'SE',
    website: 'https://rwi.lu.se',
  },
  {
    slug: 'etc-graz',
    name: 'European Training and Research Centre for Human Rights and Democracy (ETC Graz)',
    kind: OrganizationKind.RESEARCH_INSTITUTE,
    homeCity: 'graz',
    country: 'AT',
    website: 'https://www.etc-graz.at',
  },
  {
    slug: 'ohchr',
    name: 'Office of the United Nations High Commissioner for Human Rights (OHCHR)',
    kind: OrganizationKind.UN_AGENCY,
    homeCity: null,
    country: 'CH',
    website: 'https://www.ohchr.org',
  },
];

export interface SeedPolicy {
  city: string;
  contributor: string | null;
  title: string;
  titleTranslations?: Record<string, string>;
  summary: string;
  themes: Theme[];
  sdgs: number[];
  adoptedOn?: string;
  adoptedIn?: number;
  stage: PolicyStage;
}

export const SEED_POLICIES: SeedPolicy[] = [
  {
    city: 'gwangju',
    contributor: 'gwangju-metropolitan-city',
    title: 'Gwangju Human Rights Ordinance',
    titleTranslations: { ko: '광주광역시 인권 보장 및 증진에 관한 조례' },
    summary: "Gwangju's ordinance on the guarantee and promotion of human rights, adopted in 2009.",
    themes: [Theme.HUMAN_RIGHTS_INSTITUTIONS, Theme.PARTICIPATION],
    sdgs: [10, 16],
    adoptedIn: 2009,
    stage: PolicyStage.IMPLEMENTED,
  },
  {
    city: 'gwangju',
    contributor: 'gwangju-metropolitan-city',
    title: 'Gwangju Human Rights Charter',
    titleTranslations: { ko: '광주인권헌장' },
    summary: 'The human rights charter of Gwangju, adopted in 2012.',
    themes: [Theme.PARTICIPATION, Theme.ANTI_DISCRIMINATION],
    sdgs: [10, 16],
    adoptedIn: 2012,
    stage: PolicyStage.ADOPTED,
  },
  {
    city: 'gwangju',
    contributor: 'gwangju-metropolitan-city',
    title: 'Gwangju Human Rights Ombudsperson',
    summary: "Gwangju's human rights ombudsperson, in place since 2013.",
    themes: [Theme.ACCESS_TO_JUSTICE, Theme.HUMAN_RIGHTS_INSTITUTIONS],
    sdgs: [16],
    adoptedIn: 2013,
    stage: PolicyStage.IMPLEMENTED,
  },
  {
    city: 'gwangju',
    contributor: 'gwangju-metropolitan-city',
    title: 'Gwangju Human Rights Education Centre',
    summary: "Gwangju's human rights education centre, opened in 2020.",
    themes: [Theme.EDUCATION, Theme.HUMAN_RIGHTS_INSTITUTIONS],
    sdgs: [4, 16],
    adoptedIn: 2020,
    stage: PolicyStage.IMPLEMENTED,
  },
  {
    city: 'montreal',
    contributor: null,
    title: 'Montréal Charter of Rights and Responsibilities',
    titleTranslations: { fr: 'Charte montréalaise des droits et responsabilités' },
    summary:
      "Montréal's charter of the rights and responsibilities of its residents and the city, adopted on 20 June 2005.",
    themes: [Theme.PARTICIPATION, Theme.ANTI_DISCRIMINATION, Theme.ACCESS_TO_JUSTICE],
    sdgs: [10, 11, 16],
    adoptedOn: '2005-06-20',
    adoptedIn: 2005,
    stage: PolicyStage.IMPLEMENTED,
  },
  {
    city: 'graz',
    contributor: 'etc-graz',
    title: 'Graz declaration as a human rights city',
    summary: 'Graz declared itself a human rights city on 8 February 2001.',
    themes: [Theme.PARTICIPATION],
    sdgs: [16],
    adoptedOn: '2001-02-08',
    adoptedIn: 2001,
    stage: PolicyStage.ADOPTED,
  },
  {
    city: 'graz',
    contributor: 'etc-graz',
    title: 'Human Rights Council of the City of Graz',
    titleTranslations: { de: 'Menschenrechtsbeirat der Stadt Graz' },
    summary: "Graz's human rights council, established in 2007.",
    themes: [Theme.HUMAN_RIGHTS_INSTITUTIONS, Theme.PARTICIPATION],
    sdgs: [16],
    adoptedIn: 2007,
    stage: PolicyStage.IMPLEMENTED,
  },
  {
    city: 'vienna',
    contributor: null,
    title: 'Vienna declaration as a city of human rights',
    titleTranslations: { de: 'Wien – Stadt der Menschenrechte' },
    summary: 'Vienna declared itself a city of human rights on 19 December 2014.',
    themes: [Theme.PARTICIPATION, Theme.ANTI_DISCRIMINATION],
    sdgs: [10, 16],
    adoptedOn: '2014-12-19',
    adoptedIn: 2014,
    stage: PolicyStage.ADOPTED,
  },
  {
    city: 'vienna',
    contributor: null,
    title: 'Human Rights Office of the City of Vienna',
    summary: "Vienna's human rights office, set up in 2015.",
    themes: [Theme.HUMAN_RIGHTS_INSTITUTIONS],
    sdgs: [16],
    adoptedIn: 2015,
    stage: PolicyStage.IMPLEMENTED,
  },
  {
    city: 'rosario',
    contributor: null,
    title: 'Rosario declaration as a human rights city',
    summary: 'Rosario declared itself a human rights city on 30 June 1997.',
    themes: [Theme.PARTICIPATION],
    sdgs: [16],
    adoptedOn: '1997-06-30',
    adoptedIn: 1997,
    stage: PolicyStage.ADOPTED,
  },
  {
    city: 'york',
    contributor: null,
    title: 'York declaration as a human rights city',
    summary: 'York declared itself a human rights city on 24 April 2017.',
    themes: [Theme.PARTICIPATION],
    sdgs: [16],
    adoptedOn: '2017-04-24',
    adoptedIn: 2017,
    stage: PolicyStage.ADOPTED,
  },
  {
    city: 'utrecht',
    contributor: null,
    title: 'Utrecht, first Dutch human rights city',
    summary: 'Utrecht became the first human rights city in the Netherlands in 2012, building on work begun in 2010.',
    themes: [Theme.PARTICIPATION],
    sdgs: [16],
    adoptedIn: 2012,
    stage: PolicyStage.ADOPTED,
  },
  {
    city: 'lund',
    contributor: 'raoul-wallenberg-institute',
    title: 'Lund human rights city',
    summary: 'Lund became a human rights city in 2018.',
    themes: [Theme.PARTICIPATION],
    sdgs: [16],
    adoptedIn: 2018,
    stage: PolicyStage.ADOPTED,
  },
];

export interface SeedIndicator {
  code: string;
  name: string;
  nameKo?: string;
  description: string;
  theme: InclusionTheme;
  type: IndicatorType;
  unit: string;
  direction: IndicatorDirection;
}

const ILLUSTRATIVE = " (Illustrative definition from the hub's starter marker set.)";

export const SEED_INDICATORS: SeedIndicator[] = [
  {
    code: 'SPA-01',
    name: 'Barrier-free public buildings',
    nameKo: '무장애 공공건물 비율',
    description: 'Share of municipal public buildings that meet barrier-free standards.' + ILLUSTRATIVE,
    theme: InclusionTheme.SPATIAL,
    type: IndicatorType.OUTCOME,
    unit: 'percent',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
  {
    code: 'SPA-02',
    name: 'Households in inadequate housing',
    description: 'Share of households living in housing below the national adequacy standard.' + ILLUSTRATIVE,
    theme: InclusionTheme.SPATIAL,
    type: IndicatorType.OUTCOME,
    unit: 'percent',
    direction: IndicatorDirection.LOWER_IS_BETTER,
  },
  {
    code: 'SOC-01',
    name: 'Social welfare budget share',
    description: 'Share of the municipal budget spent on social welfare.' + ILLUSTRATIVE,
    theme: InclusionTheme.SOCIAL,
    type: IndicatorType.PROCESS,
    unit: 'percent',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
  {
    code: 'SOC-02',
    name: 'Human rights education reach',
    description: 'Residents who took part in human rights education, per 1,000 residents.' + ILLUSTRATIVE,
    theme: InclusionTheme.SOCIAL,
    type: IndicatorType.PROCESS,
    unit: 'per 1,000 residents',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
  {
    code: 'CUL-01',
    name: 'Accessible cultural programmes',
    description:
      'Share of public cultural programmes offering accessibility provisions such as captions or sign language.' +
      ILLUSTRATIVE,
    theme: InclusionTheme.CULTURAL,
    type: IndicatorType.PROCESS,
    unit: 'percent',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
  {
    code: 'CUL-02',
    name: 'Languages of municipal information',
    description: 'Number of languages in which the municipality publishes essential public information.' + ILLUSTRATIVE,
    theme: InclusionTheme.CULTURAL,
    type: IndicatorType.STRUCTURAL,
    unit: 'languages',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
  {
    code: 'ECO-01',
    name: 'Municipal employees with disabilities',
    description: 'Share of municipal employees who are persons with disabilities.' + ILLUSTRATIVE,
    theme: InclusionTheme.ECONOMIC,
    type: IndicatorType.OUTCOME,
    unit: 'percent',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
  {
    code: 'ECO-02',
    name: 'Gender pay gap in municipal employment',
    description: 'Difference between the median pay of men and women employed by the municipality.' + ILLUSTRATIVE,
    theme: InclusionTheme.ECONOMIC,
    type: IndicatorType.OUTCOME,
    unit: 'percent',
    direction: IndicatorDirection.LOWER_IS_BETTER,
  },
  {
    code: 'POL-01',
    name: 'Human rights ombudsperson in place',
    description: 'Whether the city has an independent human rights ombudsperson (1 = yes, 0 = no).' + ILLUSTRATIVE,
    theme: InclusionTheme.POLITICAL,
    type: IndicatorType.STRUCTURAL,
    unit: 'yes (1) / no (0)',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
  {
    code: 'POL-02',
    name: 'Participatory budgeting turnout',
    description: 'Share of adult residents who took part in participatory budgeting.' + ILLUSTRATIVE,
    theme: InclusionTheme.POLITICAL,
    type: IndicatorType.OUTCOME,
    unit: 'percent',
    direction: IndicatorDirection.HIGHER_IS_BETTER,
  },
];

export const SAMPLE_SOURCE = 'SAMPLE DATA: an illustrative figure made up for the hub seed, not an official statistic';

export interface SeedIndicatorValue {
  code: string;
  city: string;
  year: number;
  value: number;
  source: string;
  /** Made up for the seed: the seeder stores it as `isSampleData`, so no reader has to match the source text. */
  isSampleData: boolean;
}

export const SEED_INDICATOR_VALUES: SeedIndicatorValue[] = [
  {
    code: 'POL-01',
    city: 'gwangju',
    year: 2023,
    value: 1,
    source: 'Derived from the seed fact that Gwangju has had a human rights ombudsperson since 2013',
    isSampleData: false,
  },
  { code: 'SPA-01', city: 'gwangju', year: 2023, value: 68.5, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'SOC-02', city: 'gwangju', year: 2023, value: 41.2, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'CUL-02', city: 'gwangju', year: 2023, value: 6, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'ECO-02', city: 'gwangju', year: 2023, value: 17.9, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'POL-02', city: 'gwangju', year: 2023, value: 3.4, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'SPA-01', city: 'gwangju', year: 2022, value: 64.1, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'SOC-02', city: 'gwangju', year: 2022, value: 37.8, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'POL-01', city: 'vienna', year: 2023, value: 0, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'SPA-01', city: 'vienna', year: 2023, value: 72.3, source: SAMPLE_SOURCE, isSampleData: true },
  { code: 'POL-01', city: 'graz', year: 2023, value: 0, source: SAMPLE_SOURCE, isSampleData: true },
];
