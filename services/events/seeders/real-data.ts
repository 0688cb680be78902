import { EventFormat } from '../src/event/event.enums';

export interface SeedEdition {
  number: number;
  year: number;
  /** Local dates in Gwangju; null where the dates are not known. */
  startsOn: string | null;
  endsOn: string | null;
  /** Null where the theme is not known; never invented. */
  theme: string | null;
  format: EventFormat;
  note?: string;
}

const THEME_2014 = 'Towards a Global Alliance of Human Rights Cities for All';

/** The World Human Rights Cities Forum editions 2011–2024 (DESIGN.md, "Seed facts"), all hosted by Gwangju. */
export const SEED_EDITIONS: SeedEdition[] = [
  {
    number: 1,
    year: 2011,
    startsOn: '2011-05-16',
    endsOn: '2011-05-17',
    theme: 'Globalizing Human Rights from Below',
    format: EventFormat.IN_PERSON,
    note: 'The Gwangju Declaration on Human Rights City was adopted',
  },
  { number: 2, year: 2012, startsOn: null, endsOn: null, theme: null, format: EventFormat.IN_PERSON },
  {
    number: 3,
    year: 2013,
    startsOn: '2013-05-15',
    endsOn: '2013-05-18',
    theme: 'Sustainable Human Rights City for All',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 4,
    year: 2014,
    startsOn: '2014-05-15',
    endsOn: '2014-05-18',
    theme: THEME_2014,
    format: EventFormat.IN_PERSON,
    note: 'The Gwangju Guiding Principles were adopted',
  },
  {
    number: 5,
    year: 2015,
    startsOn: '2015-05-15',
    endsOn: '2015-05-18',
    theme: THEME_2014,
    format: EventFormat.IN_PERSON,
    note: 'The 2014 theme, second year',
  },
  {
    number: 6,
    year: 2016,
    startsOn: '2016-07-21',
    endsOn: '2016-07-24',
    theme: 'Building Human Habitat Friendly Cities',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 7,
    year: 2017,
    startsOn: '2017-09-14',
    endsOn: '2017-09-17',
    theme: 'Do We Live in Peace?',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 8,
    year: 2018,
    startsOn: '2018-10-18',
    endsOn: '2018-10-21',
    theme: 'Whom Do We Live With?',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 9,
    year: 2019,
    startsOn: '2019-09-30',
    endsOn: '2019-10-03',
    theme: 'Local Governments and Human Rights: Reimagining Human Rights Cities',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 10,
    year: 2020,
    startsOn: '2020-10-07',
    endsOn: '2020-10-10',
    theme: 'The Future of Human Rights Cities: Local Memories and Global Sharing',
    format: EventFormat.ONLINE,
  },
  {
    number: 11,
    year: 2021,
    startsOn: '2021-10-06',
    endsOn: '2021-10-10',
    theme: 'Human Rights in Times of Challenge: A New Social Contract',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 12,
    year: 2022,
    startsOn: '2022-10-10',
    endsOn: '2022-10-13',
    theme: 'Climate Crisis and Human Rights',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 13,
    year: 2023,
    startsOn: '2023-10-04',
    endsOn: '2023-10-07',
    theme: 'Human Rights Cities Responding to Poverty and Inequalities',
    format: EventFormat.IN_PERSON,
  },
  {
    number: 14,
    year: 2024,
    startsOn: '2024-10-10',
    endsOn: '2024-10-11',
    theme: 'Civic Space and Human Rights Cities',
    format: EventFormat.IN_PERSON,
  },
];

/** The steering committee met online on these days in 2023; the time of day is not recorded. */
export const STEERING_COMMITTEE_MEETINGS_2023 = ['2023-04-06', '2023-04-25'];

/** Editions that get a few illustrative sessions, each clearly labelled as sample data. */
export const SAMPLE_PROGRAMME_YEARS = [2022, 2023, 2024];
