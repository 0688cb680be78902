import { registerEnumType } from 'type-graphql';

export enum SustainabilitySector {
  ENVIRONMENT = 'ENVIRONMENT',
  SOCIETY = 'SOCIETY',
  GOVERNANCE = 'GOVERNANCE',
  HUMAN_RIGHTS = 'HUMAN_RIGHTS',
}
registerEnumType(SustainabilitySector, {
  name: 'SustainabilitySector',
  description: "The four sectors of the forum's sustainability checklist",
  valuesConfig: {
    ENVIRONMENT: { description: 'Eco-friendliness: fewer promotional materials, reuse and recycling, no disposables' },
    SOCIETY: { description: 'The local community: local organisations, businesses, tourism and restaurants' },
    GOVERNANCE: { description: 'How the forum is run: steering committee, shared values, participation, evaluation' },
    HUMAN_RIGHTS: {
      description:
        'Human rights in the event itself: accessible information, no barriers, cultural diversity, no VIP protocol',
    },
  },
});
