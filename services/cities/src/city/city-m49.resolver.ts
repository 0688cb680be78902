import { FieldResolver, Resolver, Root } from 'type-graphql';

import { City } from './city.entity';
import { M49_REGION, m49CountryCode } from './m49';

/** UN M49 codes, so that reports line up with UN statistics. */
@Resolver(() => City)
export class CityM49Resolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The country\'s UN M49 numeric code, for example "410" for KR; null where the hub has not sourced it',
  })
  m49CountryCode(@Root() city: City): string | null {
    return m49CountryCode(city.country);
  }

  @FieldResolver(() => String, { description: 'The UN M49 numeric code of the region, for example "142" for Asia' })
  m49RegionCode(@Root() city: City): string {
    return M49_REGION[city.region];
  }
}
