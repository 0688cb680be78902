import { ValidateBy, buildMessage } from 'class-validator';

import { SDG_MAX, SDG_MIN, isIsoCountry, isSdgList } from '@hrc/domain-kit';

/** class-validator rule: an ISO 3166-1 alpha-2 code that exists, such as "KR". */
export function IsIsoCountryCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isIsoCountryCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isIsoCountry(value),
      defaultMessage: buildMessage(
        (each) => `${each}$property must be an ISO 3166-1 alpha-2 country code such as "KR"`,
      ),
    },
  });
}

/** class-validator rule: every item is a UN Sustainable Development Goal number. */
export function IsSdgList(): PropertyDecorator {
  return ValidateBy({
    name: 'isSdgList',
    validator: {
      validate: isSdgList,
      defaultMessage: buildMessage(() => `$property must list SDG numbers from ${SDG_MIN} to ${SDG_MAX}`),
    },
  });
}
