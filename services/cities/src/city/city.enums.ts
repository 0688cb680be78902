import { registerEnumType } from 'type-graphql';

/** UN M49 regions. */
export enum Region {
  AFRICA = 'AFRICA',
  AMERICAS = 'AMERICAS',
  ASIA = 'ASIA',
  EUROPE = 'EUROPE',
  OCEANIA = 'OCEANIA',
}
registerEnumType(Region, {
  name: 'Region',
  description: 'UN M49 region',
  valuesConfig: {
    AFRICA: { description: 'Africa' },
    AMERICAS: { description: 'The Americas' },
    ASIA: { description: 'Asia' },
    EUROPE: { description: 'Europe' },
    OCEANIA: { description: 'Oceania' },
  },
});

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
  valuesConfig: {
    ORDINANCE: { description: 'A human rights ordinance or by-law' },
    CHARTER: { description: 'A human rights charter or declaration of the city' },
    HUMAN_RIGHTS_OFFICE: { description: 'A human rights office in the city administration' },
    COMMISSION_OR_COUNCIL: { description: 'A human rights commission or council' },
    OMBUDSPERSON: { description: 'A local human rights ombudsperson' },
    ACTION_PLAN: { description: 'A human rights action plan' },
    INDICATORS: { description: 'Human rights indicators the city measures' },
    IMPACT_ASSESSMENT: { description: 'Human rights impact assessment of local decisions' },
    EDUCATION_CENTRE: { description: 'A human rights education centre' },
  },
});

export enum Network {
  WORLD_HUMAN_RIGHTS_CITIES_FORUM = 'WORLD_HUMAN_RIGHTS_CITIES_FORUM',
  UCLG_HUMAN_RIGHTS_CITIES_2030 = 'UCLG_HUMAN_RIGHTS_CITIES_2030',
}
registerEnumType(Network, {
  name: 'Network',
  description: 'A network or campaign of human rights cities',
  valuesConfig: {
    WORLD_HUMAN_RIGHTS_CITIES_FORUM: {
      description: 'The World Human Rights Cities Forum network, meeting in Gwangju since 2011',
    },
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
registerEnumType(CityOrderField, {
  name: 'CityOrderField',
  description: 'What to order cities by',
  valuesConfig: {
    NAME: { description: 'The original name, ignoring case; the default' },
    DECLARED_ON: {
      description:
        'The declaration date (1 January when only the year is known); cities without either count as earliest',
    },
    POPULATION: { description: 'The population; unknown populations count as lowest' },
    COUNTRY: { description: 'The ISO country code, then the name' },
  },
});

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest or A first' },
    DESC: { description: 'Largest, latest or Z first' },
  },
});
