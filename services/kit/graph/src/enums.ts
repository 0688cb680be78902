import { registerEnumType } from 'type-graphql';

import { ModerationDecision, ModerationStatus, Theme } from '@hrc/domain-kit';

/*
 * The domain's shared enums, registered once with their schema names and descriptions. The domain kit defines them
 * without GraphQL; every module that puts one in the schema imports this file first.
 */

registerEnumType(ModerationStatus, {
  name: 'ModerationStatus',
  description: "Where a contributed record stands in the secretariat's review",
  valuesConfig: {
    SUBMITTED: {
      description:
        'Waiting for review: readable by its organisation and the secretariat only, counted in no public total',
    },
    PUBLISHED: { description: 'Reviewed (or written by the secretariat): readable by anyone' },
    REJECTED: { description: 'Sent back with a reason (rejectionReason); an edit by the contributor resubmits it' },
    WITHDRAWN: { description: 'Hidden without being deleted; the secretariat can restore it' },
  },
});

registerEnumType(Theme, {
  name: 'Theme',
  description: 'The shared human rights taxonomy of the network',
  valuesConfig: {
    HOUSING: { description: 'Adequate housing and homelessness' },
    MIGRANTS_AND_REFUGEES: { description: 'Migrants, refugees and asylum seekers' },
    DISABILITY: { description: 'Rights of persons with disabilities, accessibility' },
    GENDER_EQUALITY: { description: "Gender equality and women's rights" },
    CHILDREN_AND_YOUTH: { description: 'Children and young people' },
    OLDER_PERSONS: { description: 'Older persons' },
    EDUCATION: { description: 'Education, including human rights education' },
    PARTICIPATION: { description: 'Participation of residents in public decisions' },
    ENVIRONMENT_AND_CLIMATE: { description: 'Environment, climate and the right to a healthy environment' },
    ANTI_DISCRIMINATION: { description: 'Non-discrimination and equal treatment' },
    PEACE: { description: 'Peace and non-violence' },
    POVERTY_AND_INEQUALITY: { description: 'Poverty, social protection and inequality' },
    DIGITAL_RIGHTS: { description: 'Rights online: privacy, digital inclusion' },
    CIVIC_SPACE: { description: 'Freedom of expression, assembly and association' },
    HEALTH: { description: 'The right to health' },
    CULTURAL_RIGHTS: { description: 'Cultural rights and participation in cultural life' },
    ACCESS_TO_JUSTICE: { description: 'Access to justice and remedies' },
    HUMAN_RIGHTS_INSTITUTIONS: { description: 'Local human rights offices, ombudspersons and commissions' },
  },
});

registerEnumType(ModerationDecision, {
  name: 'ModerationDecision',
  description: 'A step in the review of a contributed record',
  valuesConfig: {
    APPROVE: { description: 'SUBMITTED → PUBLISHED (secretariat)' },
    REJECT: { description: 'SUBMITTED → REJECTED, with a reason the contributor can read (secretariat)' },
    WITHDRAW: { description: 'Any status → WITHDRAWN; nothing is deleted (the contributor or the secretariat)' },
    RESTORE: { description: 'WITHDRAWN → PUBLISHED (secretariat)' },
  },
});
