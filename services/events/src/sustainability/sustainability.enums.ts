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
    ENVIRONMENT: { description: 'Environmental impact: waste, energy, travel, food' },
    SOCIETY: { description: 'Social impact: inclusion and accessibility' },
    GOVERNANCE: { description: 'How the event is run: transparency, partnership' },
    HUMAN_RIGHTS: { description: 'Human rights in the event itself' },
  },
});
