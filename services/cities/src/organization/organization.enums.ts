import { registerEnumType } from 'type-graphql';

export enum OrganizationKind {
  CITY_GOVERNMENT = 'CITY_GOVERNMENT',
  NGO = 'NGO',
  UNIVERSITY = 'UNIVERSITY',
  RESEARCH_INSTITUTE = 'RESEARCH_INSTITUTE',
  UN_AGENCY = 'UN_AGENCY',
  CITY_NETWORK = 'CITY_NETWORK',
  NATIONAL_HUMAN_RIGHTS_INSTITUTION = 'NATIONAL_HUMAN_RIGHTS_INSTITUTION',
  FORUM_SECRETARIAT = 'FORUM_SECRETARIAT',
  OTHER = 'OTHER',
}
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of organisation a partner is',
  valuesConfig: {
    CITY_GOVERNMENT: { description: 'A city or metropolitan government' },
    NGO: { description: 'A non-governmental organisation' },
    UNIVERSITY: { description: 'A university' },
    RESEARCH_INSTITUTE: { description: 'A research institute' },
    UN_AGENCY: { description: 'A United Nations agency or office' },
    CITY_NETWORK: { description: 'A network of cities' },
    NATIONAL_HUMAN_RIGHTS_INSTITUTION: { description: 'A national human rights institution' },
    FORUM_SECRETARIAT: { description: 'The forum secretariat' },
    OTHER: { description: 'Any other kind' },
  },
});
