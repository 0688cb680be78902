import { registerEnumType } from 'type-graphql';

export enum EventFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}
registerEnumType(EventFormat, {
  name: 'EventFormat',
  description: 'How people take part in an event or a forum edition',
});

export enum EventKind {
  PLENARY = 'PLENARY',
  THEMATIC_SESSION = 'THEMATIC_SESSION',
  WORKSHOP = 'WORKSHOP',
  SIDE_EVENT = 'SIDE_EVENT',
  SPECIAL_SESSION = 'SPECIAL_SESSION',
  CULTURAL = 'CULTURAL',
  PARTNER_EVENT = 'PARTNER_EVENT',
  MEETING = 'MEETING',
}
registerEnumType(EventKind, {
  name: 'EventKind',
  valuesConfig: { MEETING: { description: 'A working meeting, for example of the forum steering committee' } },
});

export enum AccessibilityFeature {
  WHEELCHAIR_ACCESS = 'WHEELCHAIR_ACCESS',
  SIGN_LANGUAGE = 'SIGN_LANGUAGE',
  LIVE_CAPTIONS = 'LIVE_CAPTIONS',
  EASY_READ = 'EASY_READ',
  HEARING_LOOP = 'HEARING_LOOP',
  QUIET_ROOM = 'QUIET_ROOM',
  AUDIO_DESCRIPTION = 'AUDIO_DESCRIPTION',
  BRAILLE = 'BRAILLE',
  ACCESSIBLE_TOILETS = 'ACCESSIBLE_TOILETS',
  ACCESSIBLE_DIGITAL_MATERIALS = 'ACCESSIBLE_DIGITAL_MATERIALS',
}
registerEnumType(AccessibilityFeature, {
  name: 'AccessibilityFeature',
  description: 'What an event offers for barrier-free participation',
});
