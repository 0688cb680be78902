import { registerEnumType } from 'type-graphql';

/** The five themes of the inclusive-city marker system. */
export enum InclusionTheme {
  SPATIAL = 'SPATIAL',
  SOCIAL = 'SOCIAL',
  CULTURAL = 'CULTURAL',
  ECONOMIC = 'ECONOMIC',
  POLITICAL = 'POLITICAL',
}
registerEnumType(InclusionTheme, {
  name: 'InclusionTheme',
  description: 'A theme of the inclusive-city marker system',
  valuesConfig: {
    SPATIAL: { description: 'Spatial inclusion: housing, public space, mobility' },
    SOCIAL: { description: 'Social inclusion: welfare, health, education' },
    CULTURAL: { description: 'Cultural inclusion: diversity and participation in cultural life' },
    ECONOMIC: { description: 'Economic inclusion: work and income' },
    POLITICAL: { description: 'Political inclusion: participation in decisions' },
  },
});

/** OHCHR's indicator types. */
export enum IndicatorType {
  STRUCTURAL = 'STRUCTURAL',
  PROCESS = 'PROCESS',
  OUTCOME = 'OUTCOME',
}
registerEnumType(IndicatorType, {
  name: 'IndicatorType',
  description: "An indicator's type, after OHCHR's human rights indicators framework",
  valuesConfig: {
    STRUCTURAL: { description: 'Whether a commitment exists: a law, a policy, an institution' },
    PROCESS: { description: 'What is being done to meet a commitment' },
    OUTCOME: { description: 'What people actually experience' },
  },
});

export enum IndicatorDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}
registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  description: 'Which way an indicator improves',
  valuesConfig: {
    HIGHER_IS_BETTER: { description: 'A higher value is progress' },
    LOWER_IS_BETTER: { description: 'A lower value is progress' },
  },
});
