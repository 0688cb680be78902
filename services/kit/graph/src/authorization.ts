import { Authorized, createMethodMiddlewareDecorator, type AuthChecker } from 'type-graphql';

import { Rule, allows, assertAllowed } from '@hrc/domain-kit';
import type { RequestContext } from '@hrc/service-kit';

import { markPrivate } from './cache-hints';

/**
 * Declares the rule a query, mutation or field follows. type-graphql runs `authChecker` before the resolver; for an
 * ownership rule it checks the roles, and the service checks the stored record's owners with the same rule.
 */
export function Allow(rule: Rule): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Authorized(rule);
}

/** Denies an operation with the policy's typed errors: UNAUTHENTICATED without a token, FORBIDDEN with one. */
export const authChecker: AuthChecker<RequestContext> = ({ context }, rules) => {
  for (const rule of rules as Rule[]) assertAllowed(rule, context.identity);
  return true;
};

export type Owners = ReadonlyArray<string | null>;

export interface PrivateFieldDeclaration {
  target: Function;
  methodName: string;
  rule: Rule;
}

/** Every private field, as declared; the README's policy table and the authorization matrix read it. */
export const PRIVATE_FIELDS: PrivateFieldDeclaration[] = [];

/**
 * A private field of a record the caller can read: null unless the caller passes `rule` for the organisations the
 * record belongs to (`ownersOf`, which may use a loader).
 */
export function PrivateTo<TRoot, TContext extends RequestContext = RequestContext>(
  rule: Rule,
  ownersOf: (root: TRoot, context: TContext) => Owners | Promise<Owners>,
): MethodDecorator {
  const middleware = createMethodMiddlewareDecorator<TContext>(async ({ root, context }, next) => {
    markPrivate(context);
    const owners = await ownersOf(root as TRoot, context);
    return allows(rule, context.identity, owners) ? next() : null;
  });
  return (target, methodName, descriptor) => {
    PRIVATE_FIELDS.push({ target: target.constructor, methodName: String(methodName), rule });
    return middleware(target, methodName, descriptor);
  };
}
