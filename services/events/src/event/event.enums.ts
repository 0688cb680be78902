import { registerEnumType } from 'type-graphql';

export enum EventFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}
registerEnumType(EventFormat, {
  name: 'EventFormat',
  description: 'How people take part in an event or a forum edition',
  valuesConfig: {
    IN_PERSON: { description: 'At the venue only' },
    ONLINE: { description: 'Online only; venue is then empty or names the platform' },
    HYBRID: { description: 'At the venue and online' },
  },
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
  description: 'What kind of programme item an event is',
  valuesConfig: {
    PLENARY: { description: 'A plenary session of a forum edition' },
    THEMATIC_SESSION: { description: 'A session on one theme' },
    WORKSHOP: { description: 'A participatory workshop' },
    SIDE_EVENT: { description: 'An event beside the main programme of a forum edition' },
    SPECIAL_SESSION: { description: 'A special session of a forum edition' },
    CULTURAL: { description: 'A cultural programme item' },
    PARTNER_EVENT: { description: "A partner organisation's own event" },
    MEETING: { description: 'A working meeting, for example of the forum steering committee' },
  },
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
  valuesConfig: {
    WHEELCHAIR_ACCESS: { description: 'Step-free access to the venue' },
    SIGN_LANGUAGE: { description: 'Sign language interpretation (Event.interpretation names the sign languages)' },
    LIVE_CAPTIONS: { description: 'Live captions' },
    EASY_READ: { description: 'Easy-read material' },
    HEARING_LOOP: { description: 'An induction (hearing) loop' },
    QUIET_ROOM: { description: 'A quiet room to withdraw to' },
    AUDIO_DESCRIPTION: { description: 'Audio description of visual content' },
    BRAILLE: { description: 'Material in Braille' },
    ACCESSIBLE_TOILETS: { description: 'Accessible toilets' },
    ACCESSIBLE_DIGITAL_MATERIALS: { description: 'Digital material that meets accessibility standards' },
  },
});
