import { registerEnumType } from 'type-graphql';

/** Target groups after the UN World Programme for Human Rights Education (2005–): its phases name these sectors. */
export enum ProgramAudience {
  PUBLIC_OFFICIALS = 'PUBLIC_OFFICIALS',
  POLICE = 'POLICE',
  MILITARY = 'MILITARY',
  TEACHERS = 'TEACHERS',
  HIGHER_EDUCATION = 'HIGHER_EDUCATION',
  YOUTH = 'YOUTH',
  CHILDREN = 'CHILDREN',
  MEDIA = 'MEDIA',
  CIVIL_SOCIETY = 'CIVIL_SOCIETY',
  RESIDENTS = 'RESIDENTS',
}
registerEnumType(ProgramAudience, {
  name: 'ProgramAudience',
  description: 'Who a programme is for, after the UN World Programme for Human Rights Education',
  valuesConfig: {
    PUBLIC_OFFICIALS: { description: 'Civil servants and public officials' },
    POLICE: { description: 'Law enforcement officials' },
    MILITARY: { description: 'Military personnel' },
    TEACHERS: { description: 'School teachers and educators' },
    HIGHER_EDUCATION: { description: 'University staff and students' },
    YOUTH: { description: 'Young people' },
    CHILDREN: { description: 'Children' },
    MEDIA: { description: 'Journalists and media professionals' },
    CIVIL_SOCIETY: { description: 'Civil society organisations and activists' },
    RESIDENTS: { description: 'Residents at large' },
  },
});

export enum ProgramFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  BLENDED = 'BLENDED',
}
registerEnumType(ProgramFormat, {
  name: 'ProgramFormat',
  description: 'How a programme is delivered',
  valuesConfig: {
    IN_PERSON: { description: 'In a room' },
    ONLINE: { description: 'Online' },
    BLENDED: { description: 'Partly in person, partly online' },
  },
});

export enum ProgramOrderField {
  TITLE = 'TITLE',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ProgramOrderField, {
  name: 'ProgramOrderField',
  description: 'What to order programmes by',
  valuesConfig: {
    TITLE: { description: 'Alphabetical; the default' },
    UPDATED_AT: { description: 'Most recently changed first' },
  },
});
