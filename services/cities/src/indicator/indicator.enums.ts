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
});

/** OHCHR's indicator types. */
export enum IndicatorType {
  STRUCTURAL = 'STRUCTURAL',
  PROCESS = 'PROCESS',
  OUTCOME = 'OUTCOME',
}
registerEnumType(IndicatorType, { name: 'IndicatorType' });

export enum IndicatorDirection {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}
registerEnumType(IndicatorDirection, { name: 'IndicatorDirection' });
