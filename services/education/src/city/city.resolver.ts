import { createParentProgramsResolver } from '../program/program.resolver';
import { createEducationReachResolver } from '../reach/reach.resolver';
import { City } from './city.type';

/** `City.programs`: the programmes serving the city. */
export const CityProgramsResolver = createParentProgramsResolver(
  City,
  'city',
  'Human rights education programmes in the city',
);

/** `City.educationReach(year)`: what those programmes delivered. */
export const CityEducationReachResolver = createEducationReachResolver(
  City,
  'city',
  'Human rights education delivered in the city',
);
