import { randomBytes } from 'node:crypto';

import DataLoader from 'dataloader';
import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';

import {
  Rule,
  allowsSql,
  assertAllowed,
  auditedWriter,
  organizationOfWrite,
  type AuditCatalogue,
} from '@hrc/domain-kit';
import {
  BadUserInputError,
  NotFoundError,
  countAll,
  fetchPagesByParent,
  isUuid,
  keysetOrder,
  querySignature,
  tableQuery,
  type RequestContext,
  type WebhookSettings,
} from '@hrc/service-kit';

import { Allow } from '../authorization';
import type { FeedList } from '../change-feed';
import { PageArgs, pageConnection, toConnection, type Connection } from '../connection';
import type { ResolverMap } from '../federation';
import { assertAcceptableEndpoint } from './addresses';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookSubscription } from './webhook.entities';
import {
  CreatedWebhookSubscription,
  CreateWebhookSubscriptionInput,
  WebhookDeliveryConnection,
  WebhookDeliveryType,
  WebhookSubscriptionConnection,
  WebhookSubscriptionType,
} from './webhook.types';
import { identityOfSubscription } from './worker';

/** The endpoint rules in force: set by each subgraph app from its configuration before it serves requests. */
const endpointPolicies = new WeakMap<object, Pick<WebhookSettings, 'allowLoopback'>>();

/** Records the webhook settings of a subgraph's ORM, as registerCursorKey does for cursors. */
export function registerWebhookSettings(em: { config: object }, settings: Pick<WebhookSettings, 'allowLoopback'>) {
  endpointPolicies.set(em.config, settings);
}

/** Subscriptions one organisation (or the secretariat, for itself) may hold to one list: each costs a delivery run. */
export const MAX_SUBSCRIPTIONS_PER_LIST = 10;

function endpointPolicyOf(em: { config: object }) {
  return { allowLoopback: endpointPolicies.get(em.config)?.allowLoopback ?? false };
}

const capitalized = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}`;

export function subscriptionTypeOf(subscription: WebhookSubscription): WebhookSubscriptionType {
  return {
    id: subscription.id,
    list: subscription.list,
    url: subscription.url,
    organizationId: subscription.organizationId,
    createdAt: subscription.createdAt,
  };
}

function deliveryTypeOf(delivery: WebhookDelivery): WebhookDeliveryType {
  const data = (JSON.parse(delivery.payload) as { data?: Record<string, string> }).data ?? {};
  return {
    id: String(delivery.id),
    webhookId: delivery.messageId,
    entityType: data.entityType ?? '',
    entityId: data.entityId ?? '',
    action: data.action ?? '',
    status: delivery.status,
    attempts: delivery.attempts,
    lastResponseCode: delivery.lastResponseCode,
    lastError: delivery.lastError,
    lastAttemptAt: delivery.lastAttemptAt,
    nextAttemptAt: delivery.nextAttemptAt,
    deliveredAt: delivery.deliveredAt,
    createdAt: delivery.createdAt,
  };
}

/** What the audit trail keeps of a subscription: never its secret. */
function auditSnapshotOf(subscription: WebhookSubscription): Record<string, unknown> {
  return { ...subscriptionTypeOf(subscription), createdBy: subscription.createdBy };
}

const DELIVERY_SORT = keysetOrder('desc', 'd.id');

/** Deliveries of every subscription in a response, newest first, one statement per distinct page request. */
const deliveryLoaders = new WeakMap<RequestContext, Map<string, DataLoader<string, Connection<WebhookDeliveryType>>>>();

function deliveriesOf(
  ctx: RequestContext,
  subscriptionId: string,
  args: { first: number; after?: string | null; status?: WebhookDeliveryStatus | null },
): Promise<Connection<WebhookDeliveryType>> {
  let loaders = deliveryLoaders.get(ctx);
  if (!loaders) deliveryLoaders.set(ctx, (loaders = new Map()));
  const key = JSON.stringify([args.first, args.after ?? null, args.status ?? null]);
  let loader = loaders.get(key);
  if (!loader) {
    const spec = {
      alias: 'd',
      from: () => {
        const query = tableQuery(ctx.em, WebhookDelivery, 'd');
        return args.status ? query.where('d.status', args.status) : query;
      },
      sort: DELIVERY_SORT,
      signature: querySignature('webhookDeliveries', [args.status ?? null]),
      first: args.first,
      after: args.after,
      parentColumn: 'd.subscription_id',
    };
    loader = new DataLoader(async (ids: readonly string[]) => {
      const pages = await fetchPagesByParent(ctx.em, WebhookDelivery, spec, ids);
      return ids.map((id) => {
        const page = pages.get(id)!;
        return toConnection(
          { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: deliveryTypeOf(edge.node) })) },
          () => countAll(ctx.em, () => spec.from().where('d.subscription_id', id)),
        );
      });
    });
    loaders.set(key, loader);
  }
  return loader.load(subscriptionId);
}

/**
 * Push delivery of a subgraph's change feed by signed webhooks, written once and mounted by every subgraph from its
 * feed's lists. Each subgraph owns its subscriptions (table `webhook_subscription` in its schema) and names its
 * operations after itself, since type-graphql matches resolvers by method name and federation routes a root field to
 * one subgraph: `create<Subgraph>WebhookSubscription`, `delete<Subgraph>WebhookSubscription`,
 * `redeliver<Subgraph>Webhook`, and the list `webhooks { <subgraph> }` on the `Webhooks` entity.
 */
export function createWebhooks(options: {
  subgraph: string;
  feed: { lists: FeedList[] };
  catalogue: AuditCatalogue;
  ownsRootField: boolean;
}) {
  const { subgraph } = options;
  const listNames = options.feed.lists.map((list) => list.name);
  const auditedWrite = auditedWriter(options.catalogue);
  const Name = capitalized(subgraph);

  @Directive('@key(fields: "id")')
  @ObjectType('Webhooks', { description: 'Your webhook subscriptions, one list per subgraph' })
  class Webhooks {
    @Field(() => ID, { description: 'The key by which each subgraph adds its list; no meaning for clients' })
    id!: string;
  }

  async function ownedSubscription(ctx: RequestContext, id: string, field: string): Promise<WebhookSubscription> {
    if (!isUuid(id)) throw new BadUserInputError(field, 'must be a UUID');
    const subscription = await ctx.em.findOne(WebhookSubscription, id);
    if (!subscription) throw new NotFoundError('WebhookSubscription', id);
    assertAllowed(Rule.OWNER, ctx.identity, [subscription.organizationId]);
    return subscription;
  }

  @Resolver(() => Webhooks)
  class WebhooksResolver {
    @FieldResolver(() => WebhookSubscriptionConnection, {
      name: subgraph,
      description: `Webhook subscriptions of the ${subgraph} subgraph's change feed lists (${listNames.join(', ')}): your organisation's; every one for the secretariat`,
    })
    async [subgraph](
      @Root() _webhooks: Webhooks,
      @Ctx() ctx: RequestContext,
      @Args() { first, after }: PageArgs,
    ): Promise<Connection<WebhookSubscriptionType>> {
      const owners = allowsSql(Rule.OWNER, ctx.identity, ['s.organization_id']);
      const connection = await pageConnection(ctx.em, WebhookSubscription, {
        alias: 's',
        from: () => tableQuery(ctx.em, WebhookSubscription, 's').whereRaw(owners.sql, owners.bindings),
        sort: keysetOrder('asc', 's.created_at', 's.id'),
        signature: querySignature(`webhooks:${subgraph}`, owners.bindings),
        first,
        after,
      });
      return {
        edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: subscriptionTypeOf(edge.node) })),
        pageInfo: connection.pageInfo,
        get totalCount() {
          return connection.totalCount;
        },
      };
    }
  }

  @Resolver()
  class CreateWebhookSubscriptionResolver {
    @Allow(Rule.CONTRIBUTOR)
    @Mutation(() => CreatedWebhookSubscription, {
      name: `create${Name}WebhookSubscription`,
      description: `Registers an endpoint for one list of the ${subgraph} subgraph's change feed (${listNames.join(', ')}). It receives each entry committed from now on that the list shows its organisation, as a signed POST; the answer holds the signing secret, shown only once`,
    })
    async [`create${Name}WebhookSubscription`](
      @Ctx() ctx: RequestContext,
      @Arg('input', () => CreateWebhookSubscriptionInput, { description: 'The list and the endpoint' })
      input: CreateWebhookSubscriptionInput,
    ): Promise<CreatedWebhookSubscription> {
      const list = options.feed.lists.find((candidate) => candidate.name === input.list);
      if (!list)
        throw new BadUserInputError('list', `must be one of ${listNames.join(', ')} in the ${subgraph} subgraph`);
      if (input.organizationId && !isUuid(input.organizationId)) {
        throw new BadUserInputError('organizationId', 'must be a UUID');
      }
      const organizationId = organizationOfWrite(ctx.identity, input.organizationId);
      const url = await assertAcceptableEndpoint(input.url, endpointPolicyOf(ctx.em));
      const subscription = new WebhookSubscription();
      subscription.list = list.name;
      subscription.url = url.toString();
      subscription.secret = `whsec_${randomBytes(32).toString('base64')}`;
      subscription.organizationId = organizationId;
      subscription.createdBy = ctx.identity.subject;
      // From now on: the list's head as its owner reads it.
      const head = await list.read(
        { ...ctx, identity: identityOfSubscription(subscription) },
        { first: 0, after: null },
      );
      subscription.feedCursor = (await head.headCursor) || null;
      await auditedWrite(ctx, async ({ em, audit }) => {
        // Counted under a lock on (organisation, list), so two registrations at once cannot both take the last place.
        await em
          .getConnection()
          .execute(`select pg_advisory_xact_lock(hashtext(?))`, [
            `webhooks:${subgraph}:${organizationId ?? 'secretariat'}:${list.name}`,
          ]);
        const existing = await em.count(WebhookSubscription, { organizationId, list: list.name });
        if (existing >= MAX_SUBSCRIPTIONS_PER_LIST) {
          throw new BadUserInputError(
            'list',
            `at most ${MAX_SUBSCRIPTIONS_PER_LIST} subscriptions to ${list.name} per organisation; delete one first`,
          );
        }
        em.persist(subscription);
        audit({
          entityType: 'WebhookSubscription',
          action: 'CREATE',
          entityId: subscription.id,
          after: auditSnapshotOf(subscription),
        });
      });
      return { subscription: subscriptionTypeOf(subscription), secret: subscription.secret };
    }
  }

  @Resolver()
  class DeleteWebhookSubscriptionResolver {
    @Allow(Rule.OWNER)
    @Mutation(() => ID, {
      name: `delete${Name}WebhookSubscription`,
      description: `Deletes a webhook subscription of the ${subgraph} subgraph and its delivery history; nothing more is sent to it. Answers its id`,
    })
    async [`delete${Name}WebhookSubscription`](
      @Ctx() ctx: RequestContext,
      @Arg('id', () => ID, { description: "The subscription's id" }) id: string,
    ): Promise<string> {
      await auditedWrite(ctx, async ({ em, audit }) => {
        const subscription = await ownedSubscription({ ...ctx, em }, id, 'id');
        em.remove(subscription);
        audit({
          entityType: 'WebhookSubscription',
          action: 'DELETE',
          entityId: id,
          before: auditSnapshotOf(subscription),
        });
      });
      return id;
    }
  }

  @Resolver()
  class RedeliverWebhookResolver {
    @Allow(Rule.OWNER)
    @Mutation(() => WebhookDeliveryType, {
      name: `redeliver${Name}Webhook`,
      description: `Sends one delivery of a webhook subscription of the ${subgraph} subgraph again (a dead-lettered one, or one already delivered), with the same webhook-id and a new retry window. Until it is delivered or dead again, later entries wait`,
    })
    async [`redeliver${Name}Webhook`](
      @Ctx() ctx: RequestContext,
      @Arg('deliveryId', () => ID, { description: "The delivery's id, from deliveries" }) deliveryId: string,
    ): Promise<WebhookDeliveryType> {
      if (!/^\d{1,18}$/.test(deliveryId)) throw new BadUserInputError('deliveryId', 'is not a delivery id');
      return auditedWrite(ctx, async ({ em, audit }) => {
        const delivery = await em.findOne(WebhookDelivery, { id: deliveryId });
        if (!delivery) throw new NotFoundError('WebhookDelivery', deliveryId);
        const subscription = await ownedSubscription({ ...ctx, em }, delivery.subscriptionId, 'deliveryId');
        if (delivery.status !== WebhookDeliveryStatus.DEAD && delivery.status !== WebhookDeliveryStatus.DELIVERED) {
          throw new BadUserInputError('deliveryId', `is ${delivery.status}, already waiting to be sent`);
        }
        delivery.status = WebhookDeliveryStatus.PENDING;
        delivery.firstAttemptAt = null;
        // Due now: the worker's poller wakes the subscription for it.
        delivery.nextAttemptAt = new Date();
        audit({
          entityType: 'WebhookSubscription',
          action: 'REDELIVER',
          entityId: subscription.id,
          after: { ...auditSnapshotOf(subscription), deliveryId: delivery.id, webhookId: delivery.messageId },
        });
        return deliveryTypeOf(delivery);
      });
    }
  }

  @Resolver(() => WebhookSubscriptionType)
  class WebhookSubscriptionDeliveriesResolver {
    @FieldResolver(() => WebhookDeliveryConnection, {
      description: 'What was sent to it, newest first: status, attempts, the last answer and the next attempt',
    })
    deliveries(
      @Root() subscription: WebhookSubscriptionType,
      @Ctx() ctx: RequestContext,
      @Args() { first, after }: PageArgs,
      @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status' })
      status?: WebhookDeliveryStatus | null,
    ): Promise<Connection<WebhookDeliveryType>> {
      return deliveriesOf(ctx, subscription.id, { first, after, status });
    }
  }

  const resolvers: Function[] = [
    WebhooksResolver,
    CreateWebhookSubscriptionResolver,
    DeleteWebhookSubscriptionResolver,
    RedeliverWebhookResolver,
    WebhookSubscriptionDeliveriesResolver,
  ];
  if (options.ownsRootField) {
    @Resolver()
    class WebhooksQueryResolver {
      @Allow(Rule.CONTRIBUTOR)
      @Query(() => Webhooks, {
        description:
          "Your organisation's webhook subscriptions (every one for the secretariat), one list per subgraph, with their deliveries",
      })
      webhooks(): Webhooks {
        return { id: 'webhooks' };
      }
    }
    resolvers.push(WebhooksQueryResolver);
  }
  const referenceResolvers: ResolverMap = {
    Webhooks: { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) },
  };
  return {
    subgraph,
    lists: options.feed.lists,
    resolvers,
    orphanedTypes: [Webhooks] as Function[],
    referenceResolvers,
    entities: [WebhookSubscription, WebhookDelivery] as Function[],
  };
}

export type WebhookModule = ReturnType<typeof createWebhooks>;
