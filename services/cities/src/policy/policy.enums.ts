import { registerEnumType } from 'type-graphql';

export enum PolicyStage {
  PROPOSED = 'PROPOSED',
  ADOPTED = 'ADOPTED',
  IMPLEMENTED = 'IMPLEMENTED',
  EVALUATED = 'EVALUATED',
}
registerEnumType(PolicyStage, { name: 'PolicyStage' });

export enum PolicyOrderField {
  ADOPTED_ON = 'ADOPTED_ON',
  TITLE = 'TITLE',
  UPDATED_AT = 'UPDATED_AT',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(PolicyOrderField, {
  name: 'PolicyOrderField',
  valuesConfig: {
    ADOPTED_ON: { description: 'Newest adoption first' },
    TITLE: { description: 'Alphabetical' },
    UPDATED_AT: { description: 'Most recently changed first' },
    RELEVANCE: { description: 'Best full-text match first; the default when filter.search is given' },
  },
});
