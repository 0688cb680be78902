import type { EducationContext } from '../context';
import type { Program } from './program.entity';

/** Resolves `Program` representations through the per-request loader, so visibility applies to references too. */
export const programReferenceResolvers = {
  Program: {
    __resolveReference(reference: { id: string }, ctx: EducationContext): Promise<Program | null> {
      return ctx.loaders.programs.byId.load(reference.id);
    },
  },
};
