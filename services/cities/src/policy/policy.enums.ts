import { registerEnumType } from 'type-graphql';

export enum PolicyStage {
  PROPOSED = 'PROPOSED',
  ADOPTED = 'ADOPTED',
  IMPLEMENTED = 'IMPLEMENTED',
  EVALUATED = 'EVALUATED',
}
registerEnumType(PolicyStage, {
  name: 'PolicyStage',
  description: 'Where a policy stands in its life',
  valuesConfig: {
    PROPOSED: { description: 'Proposed, not yet adopted' },
    ADOPTED: { description: 'Adopted' },
    IMPLEMENTED: { description: 'Being carried out' },
    EVALUATED: { description: 'Carried out and evaluated' },
  },
});

export enum PolicyOrderField {
  ADOPTED_ON = 'ADOPTED_ON',
  TITLE = 'TITLE',
  UPDATED_AT = 'UPDATED_AT',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(PolicyOrderField, {
  name: 'PolicyOrderField',
  description: 'What to order policies by',
  valuesConfig: {
    ADOPTED_ON: { description: 'Newest adoption first; the default without filter.search' },
    TITLE: { description: 'Alphabetical' },
    UPDATED_AT: { description: 'Most recently changed first' },
    RELEVANCE: { description: 'Best full-text match first; the default when filter.search is given' },
  },
});
