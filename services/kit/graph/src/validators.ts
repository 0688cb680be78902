import { ValidateBy, buildMessage, getMetadataStorage, validateSync, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

import { SDG_MAX, SDG_MIN, isIsoCountry, isSdgList } from '@hrc/domain-kit';

/** As type-graphql validates by default: properties left out are not checked, and plain objects pass. */
const ARGUMENT_VALIDATION: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Validates every argument object (and every object of a list argument) with class-validator, as type-graphql's
 * built-in validation does, failing with the same ArgumentValidationError. Given to type-graphql as `validateFn`
 * because its built-in validation imports class-validator afresh for each argument of each field it resolves: under
 * 20 cities with nested lists that import (a module lookup every time) was about 3 % of a subgraph's time. A global
 * `validateFn` takes precedence over an argument's own `validate` setting (`@Arg(..., { validate: false })`), which
 * no argument of the hub sets: one that needs it must say so here.
 *
 * It validates synchronously: class-validator's asynchronous path makes about six promises per object, for every
 * nested list's page arguments on every parent of a page. The hub's rules are all synchronous (`validateSync` would
 * skip an asynchronous one: `asynchronousValidationRules` lists any, and a test asserts there is none); a rule must
 * also not return a promise without saying it is async, nor use `@ValidatePromise`, which that list cannot see.
 */
export const validateArguments: ValidatorFn = (value: unknown) => {
  if (!isObject(value)) return;
  for (const item of Array.isArray(value) ? value.filter(isObject) : [value]) {
    const errors = validateSync(item, ARGUMENT_VALIDATION);
    if (errors.length > 0) throw new ArgumentValidationError(errors);
  }
};

/** The names of the class-validator rules registered as asynchronous, which `validateArguments` would skip. */
export function asynchronousValidationRules(): string[] {
  // class-validator keeps its rules' metadata private; reading it here is the only way to ask whether one is async.
  const storage = getMetadataStorage() as unknown as {
    constraintMetadatas: Map<unknown, Array<{ name: string; async: boolean }>>;
  };
  return [...storage.constraintMetadatas.values()]
    .flat()
    .filter((rule) => rule.async)
    .map((rule) => rule.name);
}

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
