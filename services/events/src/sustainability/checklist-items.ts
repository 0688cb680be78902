import { SustainabilitySector } from './sustainability.enums';

export interface ChecklistItemDefinition {
  code: string;
  sector: SustainabilitySector;
  label: string;
}

/** The forum's own sustainability checklist (DESIGN.md), 16 items in four sectors; codes are stable API values. */
export const CHECKLIST_ITEMS: readonly ChecklistItemDefinition[] = [
  {
    code: 'ENV_SECTOR_CHECKLIST',
    sector: SustainabilitySector.ENVIRONMENT,
    label: 'Follow the eco-friendliness checklist by sector',
  },
  {
    code: 'ENV_MINIMAL_PROMOTIONAL_MATERIALS',
    sector: SustainabilitySector.ENVIRONMENT,
    label: 'Minimise promotional materials and souvenirs',
  },
  { code: 'ENV_REUSE_RECYCLE', sector: SustainabilitySector.ENVIRONMENT, label: 'Reuse and recycle resources' },
  {
    code: 'ENV_NO_DISPOSABLES',
    sector: SustainabilitySector.ENVIRONMENT,
    label: 'No disposable products, and less waste',
  },
  { code: 'SOC_LOCAL_ORGANISATIONS', sector: SustainabilitySector.SOCIETY, label: 'Engage local organisations' },
  {
    code: 'SOC_LOCAL_SOCIAL_BUSINESSES',
    sector: SustainabilitySector.SOCIETY,
    label: 'Work with local businesses and with businesses working with the socially underprivileged',
  },
  {
    code: 'SOC_LOCAL_TOURISM',
    sector: SustainabilitySector.SOCIETY,
    label: 'Revitalise local tourism and restaurants',
  },
  { code: 'SOC_LOCAL_COMMUNITY', sector: SustainabilitySector.SOCIETY, label: 'Develop the local community' },
  {
    code: 'GOV_STEERING_COMMITTEE',
    sector: SustainabilitySector.GOVERNANCE,
    label: 'Regular steering committee meetings with domestic and overseas institutions',
  },
  {
    code: 'GOV_SHARED_VALUES',
    sector: SustainabilitySector.GOVERNANCE,
    label: 'Shared values for a sustainable forum',
  },
  {
    code: 'GOV_PARTICIPATORY_DECISIONS',
    sector: SustainabilitySector.GOVERNANCE,
    label: 'Participants engaged in decision-making',
  },
  {
    code: 'GOV_PROGRAMME_EVALUATION',
    sector: SustainabilitySector.GOVERNANCE,
    label: 'Programmes evaluated and comments collected',
  },
  {
    code: 'HR_INFORMATION_ACCESSIBILITY',
    sector: SustainabilitySector.HUMAN_RIGHTS,
    label: 'Information accessibility',
  },
  { code: 'HR_BARRIER_FREE', sector: SustainabilitySector.HUMAN_RIGHTS, label: 'A barrier-free event' },
  {
    code: 'HR_CULTURAL_DIVERSITY',
    sector: SustainabilitySector.HUMAN_RIGHTS,
    label: 'Spaces and facilities for cultural diversity',
  },
  { code: 'HR_NO_VIP_PROTOCOL', sector: SustainabilitySector.HUMAN_RIGHTS, label: 'No unnecessary VIP protocol' },
];

export const CHECKLIST_CODES = new Set(CHECKLIST_ITEMS.map((item) => item.code));
