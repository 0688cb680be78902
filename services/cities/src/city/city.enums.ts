import { registerEnumType } from 'type-graphql';

/** UN M49 regions. */
export enum Region {
  AFRICA = 'AFRICA',
  AMERICAS = 'AMERICAS',
  ASIA = 'ASIA',
  EUROPE = 'EUROPE',
  OCEANIA = 'OCEANIA',
}
registerEnumType(Region, { name: 'Region', description: 'UN M49 region' });

/** Local human rights mechanisms, after the EU Fundamental Rights Agency's human rights cities framework. */
export enum MechanismKind {
  ORDINANCE = 'ORDINANCE',
  CHARTER = 'CHARTER',
  HUMAN_RIGHTS_OFFICE = 'HUMAN_RIGHTS_OFFICE',
  COMMISSION_OR_COUNCIL = 'COMMISSION_OR_COUNCIL',
  OMBUDSPERSON = 'OMBUDSPERSON',
  ACTION_PLAN = 'ACTION_PLAN',
  INDICATORS = 'INDICATORS',
  IMPACT_ASSESSMENT = 'IMPACT_ASSESSMENT',
  EDUCATION_CENTRE = 'EDUCATION_CENTRE',
}
registerEnumType(MechanismKind, {
  name: 'MechanismKind',
  description: 'A local human rights mechanism (EU FRA human rights cities framework)',
});

export enum Network {
  WORLD_HUMAN_RIGHTS_CITIES_FORUM = 'WORLD_HUMAN_RIGHTS_CITIES_FORUM',
  UCLG_HUMAN_RIGHTS_CITIES_2030 = 'UCLG_HUMAN_RIGHTS_CITIES_2030',
}
registerEnumType(Network, {
  name: 'Network',
  description: 'A network or campaign of human rights cities',
  valuesConfig: {
    UCLG_HUMAN_RIGHTS_CITIES_2030: {
      description: 'UCLG campaign "10, 100, 1000 Human Rights Cities by 2030", from 2022',
    },
  },
});

export enum CityOrderField {
  NAME = 'NAME',
  DECLARED_ON = 'DECLARED_ON',
  POPULATION = 'POPULATION',
  COUNTRY = 'COUNTRY',
}
registerEnumType(CityOrderField, { name: 'CityOrderField' });

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });
