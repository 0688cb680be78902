import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { ConnectionType } from '../connection';
import { WebhookDeliveryStatus } from './webhook.entities';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where the delivery of one feed entry to one subscription stands',
  valuesConfig: {
    PENDING: { description: 'Queued; not attempted yet, or sent again by a redeliver' },
    RETRYING: {
      description: 'An attempt failed; retried with exponential backoff at nextAttemptAt. Later entries wait for it',
    },
    DELIVERED: { description: 'The endpoint answered 2xx' },
    DEAD: {
      description:
        'Dead-lettered: every attempt failed for the retry window (3 days). Later entries go on; redeliver sends it again',
    },
  },
});

@Directive('@shareable')
@ObjectType('WebhookSubscription', {
  description: 'An endpoint that receives one list of the change feed as signed POSTs (Standard Webhooks)',
})
export class WebhookSubscriptionType {
  @Field(() => ID, { description: "The subscription's id" })
  id!: string;

  @Field({
    description:
      'The change feed list it receives, as named under `changes`: cities, events, eventRegistrations or education',
  })
  list!: string;

  @Field({ description: 'Where entries are POSTed' })
  url!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The organisation it delivers for (it receives what `changes` shows that organisation); null for the secretariat's own",
  })
  organizationId!: string | null;

  @Field(() => GraphQLDateTime, { description: 'When it was created; it receives entries committed after this' })
  createdAt!: Date;
}

@Directive('@shareable')
@ObjectType('WebhookDelivery', { description: 'One feed entry sent (or to be sent) to one subscription' })
export class WebhookDeliveryType {
  @Field(() => ID, { description: "The delivery's id, for redeliver" })
  id!: string;

  @Field({
    description: 'The webhook-id header: the same on every attempt and redelivery of this entry; de-duplicate by it',
  })
  webhookId!: string;

  @Field({ description: 'The GraphQL type of the record the entry names' })
  entityType!: string;

  @Field(() => ID, { description: "The record's id" })
  entityId!: string;

  @Field({ description: 'The audited action behind the entry' })
  action!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'How many attempts were made' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: "The last attempt's HTTP status; null when it got no answer" })
  lastResponseCode!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the last attempt failed: the status and a short excerpt of the answer, a timeout, a refused address',
  })
  lastError!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the last attempt was made' })
  lastAttemptAt!: Date | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the next attempt is due: while RETRYING, or PENDING after a redeliver',
  })
  nextAttemptAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the endpoint accepted it' })
  deliveredAt!: Date | null;

  @Field(() => GraphQLDateTime, { description: 'When the entry was queued for this subscription' })
  createdAt!: Date;
}

export const WebhookSubscriptionConnection = ConnectionType(WebhookSubscriptionType, 'WebhookSubscription', {
  shareable: true,
});
export const WebhookDeliveryConnection = ConnectionType(WebhookDeliveryType, 'WebhookDelivery', { shareable: true });

@Directive('@shareable')
@ObjectType('CreatedWebhookSubscription', { description: 'A new subscription, with its signing secret' })
export class CreatedWebhookSubscription {
  @Field(() => WebhookSubscriptionType, { description: 'The subscription' })
  subscription!: WebhookSubscriptionType;

  @Field({
    description:
      'The signing secret (whsec_…), shown only now: keep it to verify webhook-signature with a Standard Webhooks library',
  })
  secret!: string;
}

@InputType('CreateWebhookSubscriptionInput', { description: 'An endpoint to receive one list of the change feed' })
export class CreateWebhookSubscriptionInput {
  @Field({
    description:
      "The change feed list, as named under `changes` in the mutation's subgraph: cities; events or eventRegistrations; education",
  })
  list!: string;

  @Field({ description: 'The https URL to POST to; in production it must resolve to public addresses only' })
  url!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The secretariat may subscribe for an organisation; a partner always subscribes for its own',
  })
  organizationId?: string | null;
}
