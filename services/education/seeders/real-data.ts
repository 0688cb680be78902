import { Theme } from '@hrc/domain-kit';

import { ProgramAudience, ProgramFormat } from '../src/program/program.enums';

/** Appended to every cohort and enrollment the seed makes up, so nobody mistakes them for reported figures. */
export const SAMPLE_DATA_NOTE =
  'Sample data: the dates, capacity and enrollments of this cohort are illustrative, not reported figures.';

export interface SeedProgram {
  key: string;
  provider: string;
  city: string;
  title: string;
  titleTranslations?: Record<string, string>;
  description: string;
  audiences: ProgramAudience[];
  themes: Theme[];
  languages: string[];
  format: ProgramFormat;
}

export interface SeedCohort {
  program: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  location: string;
  /** Sample enrollments by audience and outcome. */
  completed: number;
  enrolled: number;
  dropped: number;
}

export const SEED_PROGRAMS: SeedProgram[] = [
  {
    key: 'koica-inclusive-community',
    provider: 'gwangju-metropolitan-city',
    city: 'gwangju',
    title: 'Human Rights Training for a Sustainable and Inclusive Community',
    description:
      'A KOICA-funded training programme in Gwangju for local public officials on human rights-based, sustainable and ' +
      "inclusive local governance. The provider is recorded as the city government, which runs Gwangju's human rights " +
      'education work; duration and curriculum details are not recorded here.',
    audiences: [ProgramAudience.PUBLIC_OFFICIALS],
    themes: [Theme.EDUCATION, Theme.HUMAN_RIGHTS_INSTITUTIONS, Theme.ANTI_DISCRIMINATION, Theme.PARTICIPATION],
    languages: ['en'],
    format: ProgramFormat.IN_PERSON,
  },
  {
    key: 'education-centre',
    provider: 'gwangju-metropolitan-city',
    city: 'gwangju',
    title: 'Human rights education at the Gwangju International Human Rights Education Center',
    titleTranslations: { ko: '광주 국제인권교육센터 인권교육' },
    description:
      "Human rights education for residents and public officials at Gwangju's International Human Rights Education " +
      'Center, which opened in May 2020.',
    audiences: [ProgramAudience.RESIDENTS, ProgramAudience.PUBLIC_OFFICIALS],
    themes: [Theme.EDUCATION, Theme.HUMAN_RIGHTS_INSTITUTIONS],
    languages: ['ko'],
    format: ProgramFormat.IN_PERSON,
  },
];

export const SEED_COHORTS: SeedCohort[] = [
  {
    program: 'koica-inclusive-community',
    startsOn: '2023-06-12',
    endsOn: '2023-06-23',
    capacity: 25,
    location: 'Gwangju',
    completed: 18,
    enrolled: 0,
    dropped: 2,
  },
  {
    program: 'education-centre',
    startsOn: '2023-09-05',
    endsOn: '2023-09-26',
    capacity: 30,
    location: 'Gwangju International Human Rights Education Center',
    completed: 21,
    enrolled: 0,
    dropped: 3,
  },
  {
    program: 'education-centre',
    startsOn: '2024-04-02',
    endsOn: '2024-04-23',
    capacity: 30,
    location: 'Gwangju International Human Rights Education Center',
    completed: 12,
    enrolled: 10,
    dropped: 1,
  },
];
