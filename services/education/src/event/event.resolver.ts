import { createParentProgramsResolver } from '../program/program.resolver';
import { Event } from './event.type';

/** `Event.programs`: the programmes with a cohort delivered at the event. */
export const EventProgramsResolver = createParentProgramsResolver(
  Event,
  'event',
  'Human rights education programmes delivered at the event',
);
