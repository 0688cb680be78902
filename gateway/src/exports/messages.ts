/** The report page's languages; anything else falls back to English. */
export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** `?lang=` when given (unknown → English), otherwise the best of Accept-Language by q-value, otherwise English. */
export function languageOf(lang: unknown, acceptLanguage: string | undefined): Language {
  if (typeof lang === 'string') return isLanguage(lang.toLowerCase()) ? (lang.toLowerCase() as Language) : 'en';
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { primary: tag.trim().toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.primary).find(isLanguage) ?? 'en';
}

export interface Messages {
  locale: string;
  title(years: string): string;
  allYears: string;
  intro: string;
  sampleNote: string;
  networkTotals: string;
  regionTotals: string;
  figure: string;
  value: string;
  region: string;
  city: string;
  country: string;
  declared: string;
  cities: string;
  declaredCities: string;
  mechanisms: string;
  policies: string;
  programs: string;
  enrolled: string;
  completed: string;
  completionRate: string;
  editionsHosted: string;
  sessions: string;
  registrations: string;
  attended: string;
  noCities: string;
  regionNames: Record<string, string>;
  citiesIn(region: string): string;
  policiesChart: string;
  policiesChartAlt(parts: string): string;
  educationChart: string;
  educationChartAlt(parts: string): string;
  chartTableNote: string;
  downloads: string;
  otherLanguage: string;
  licence(licence: string, source: string, retrievedAt: string): string;
  filter: string;
  badParameter(parameter: string, value: string): string;
  badRequestTitle: string;
  failedTitle: string;
  failed: string;
  back: string;
}

const REGIONS_EN = { AFRICA: 'Africa', AMERICAS: 'Americas', ASIA: 'Asia', EUROPE: 'Europe', OCEANIA: 'Oceania' };
const REGIONS_KO = { AFRICA: '아프리카', AMERICAS: '아메리카', ASIA: '아시아', EUROPE: '유럽', OCEANIA: '오세아니아' };

export const MESSAGES: Record<Language, Messages> = {
  en: {
    locale: 'en-GB',
    title: (years) => `Human Rights Cities Network report, ${years}`,
    allYears: 'all years',
    intro:
      'Figures per city and region from the Human Rights Cities Network Hub: policies, human rights education and forum participation. Counts include only records you may read.',
    sampleNote: 'Includes sample data.',
    networkTotals: 'Network totals',
    regionTotals: 'Totals per region',
    figure: 'Figure',
    value: 'Value',
    region: 'Region',
    city: 'City',
    country: 'Country',
    declared: 'Declared',
    cities: 'Cities',
    declaredCities: 'Declared cities',
    mechanisms: 'Mechanisms',
    policies: 'Policies',
    programs: 'Programmes',
    enrolled: 'Enrolled',
    completed: 'Completed',
    completionRate: 'Completion rate',
    editionsHosted: 'Forum editions hosted',
    sessions: 'Sessions',
    registrations: 'Registrations',
    attended: 'Attended',
    noCities: 'No cities in this region match the filter.',
    regionNames: REGIONS_EN,
    citiesIn: (region) => `Cities in ${region}`,
    policiesChart: 'Policies per region',
    policiesChartAlt: (parts) => `Bar chart of policies per region: ${parts}.`,
    educationChart: 'Human rights education per region: enrolled and completed',
    educationChartAlt: (parts) =>
      `Bar chart of people enrolled and completed in human rights education per region: ${parts}.`,
    chartTableNote: 'The table below gives the figures the chart shows.',
    downloads: 'Download the data',
    otherLanguage: '한국어',
    licence: (licence, source, retrievedAt) => `Licence: ${licence}. Source: ${source}. Retrieved ${retrievedAt}.`,
    filter: 'Filter',
    badParameter: (parameter, value) =>
      `The parameter “${parameter}” is not valid${value ? ` (“${value}”)` : ''}. Please check the address and try again.`,
    badRequestTitle: 'The report could not be made',
    failedTitle: 'The report is unavailable',
    failed: 'The hub could not produce the report just now. Please try again later.',
    back: 'Back to the full report',
  },
  ko: {
    locale: 'ko-KR',
    title: (years) => `인권도시 네트워크 보고서, ${years}`,
    allYears: '전체 연도',
    intro:
      '인권도시 네트워크 허브의 도시별·지역별 수치: 정책, 인권교육, 포럼 참여. 열람 권한이 있는 기록만 집계합니다.',
    sampleNote: '예시 데이터를 포함합니다.',
    networkTotals: '네트워크 합계',
    regionTotals: '지역별 합계',
    figure: '항목',
    value: '값',
    region: '지역',
    city: '도시',
    country: '국가',
    declared: '선언 연도',
    cities: '도시 수',
    declaredCities: '선언 도시 수',
    mechanisms: '인권 기구 수',
    policies: '정책 수',
    programs: '교육 프로그램 수',
    enrolled: '등록 인원',
    completed: '수료 인원',
    completionRate: '수료율',
    editionsHosted: '포럼 개최 횟수',
    sessions: '세션 수',
    registrations: '참가 등록 수',
    attended: '참석 인원',
    noCities: '이 지역에는 조건에 맞는 도시가 없습니다.',
    regionNames: REGIONS_KO,
    citiesIn: (region) => `${region}의 도시`,
    policiesChart: '지역별 정책 수',
    policiesChartAlt: (parts) => `지역별 정책 수 막대그래프: ${parts}.`,
    educationChart: '지역별 인권교육: 등록 및 수료 인원',
    educationChartAlt: (parts) => `지역별 인권교육 등록 및 수료 인원 막대그래프: ${parts}.`,
    chartTableNote: '아래 표는 그래프가 보여 주는 수치입니다.',
    downloads: '데이터 내려받기',
    otherLanguage: 'English',
    licence: (licence, source, retrievedAt) => `이용 허락: ${licence}. 출처: ${source}. 조회 시각: ${retrievedAt}.`,
    filter: '조건',
    badParameter: (parameter, value) =>
      `매개변수 “${parameter}”의 값${value ? ` (“${value}”)` : ''}이 올바르지 않습니다. 주소를 확인한 뒤 다시 시도해 주세요.`,
    badRequestTitle: '보고서를 만들 수 없습니다',
    failedTitle: '보고서를 지금 볼 수 없습니다',
    failed: '허브가 지금 보고서를 만들지 못했습니다. 잠시 뒤 다시 시도해 주세요.',
    back: '전체 보고서로 돌아가기',
  },
};
