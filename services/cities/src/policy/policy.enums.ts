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

/** The UN human rights mechanisms whose recommendations a policy can answer. */
export enum UnMechanism {
  UPR = 'UPR',
  TREATY_BODY = 'TREATY_BODY',
  SPECIAL_PROCEDURE = 'SPECIAL_PROCEDURE',
}
registerEnumType(UnMechanism, {
  name: 'UnMechanism',
  description: 'A UN human rights mechanism that issues recommendations',
  valuesConfig: {
    UPR: { description: 'The Universal Periodic Review of the Human Rights Council' },
    TREATY_BODY: { description: 'A treaty body, for example the Committee on the Rights of Persons with Disabilities' },
    SPECIAL_PROCEDURE: { description: 'A special procedure of the Human Rights Council (a special rapporteur, …)' },
  },
});
