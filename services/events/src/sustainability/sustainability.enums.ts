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
});
