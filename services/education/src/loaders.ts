import type { EntityManager } from '@mikro-orm/postgresql';

import type { Identity } from '@hrc/service-kit';

import { CohortLoaders } from './cohort/cohort.loader';
import { EnrollmentLoaders } from './enrollment/enrollment.loader';
import { ProgramLoaders } from './program/program.loader';
import { ReportLoaders } from './report/report.service';

/** Every loader a request may use, created fresh per request so nothing is cached across callers. */
export interface EducationLoaders {
  programs: ProgramLoaders;
  cohorts: CohortLoaders;
  enrollments: EnrollmentLoaders;
  report: ReportLoaders;
}

export function createEducationLoaders(em: EntityManager, identity: Identity): EducationLoaders {
  return {
    programs: new ProgramLoaders(em, identity),
    cohorts: new CohortLoaders(em, identity),
    enrollments: new EnrollmentLoaders(em, identity),
    report: new ReportLoaders(em, identity),
  };
}
