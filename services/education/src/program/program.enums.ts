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
});

export enum ProgramFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  BLENDED = 'BLENDED',
}
registerEnumType(ProgramFormat, { name: 'ProgramFormat' });

export enum ProgramOrderField {
  TITLE = 'TITLE',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ProgramOrderField, {
  name: 'ProgramOrderField',
  valuesConfig: {
    TITLE: { description: 'Alphabetical; the default' },
    UPDATED_AT: { description: 'Most recently changed first' },
  },
});
