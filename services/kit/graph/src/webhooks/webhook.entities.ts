import { randomUUID } from 'node:crypto';

import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** Where one list of a subgraph's change feed is pushed: an endpoint of a partner's (or the secretariat's) system. */
@Entity({ tableName: 'webhook_subscription' })
@Index({ properties: ['organizationId'] })
export class WebhookSubscription {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The change feed list it follows: the subgraph's name, or a private list such as eventRegistrations. */
  @Property({ type: 'text' })
  list!: string;

  @Property({ type: 'text' })
  url!: string;

  /** The Standard Webhooks signing secret (`whsec_…`), shown once at creation and never read through the API again. */
  @Property({ type: 'text', lazy: true })
  secret!: string;

  /**
   * The organisation it delivers for: entries are read with a partner identity of this organisation, so it receives
   * exactly what `changes` answers that organisation. Null for the secretariat's own, read as the secretariat.
   */
  @Property({ type: 'uuid', nullable: true })
  organizationId: string | null = null;

  @Property({ type: 'text', nullable: true })
  createdBy: string | null = null;

  /** The feed cursor after the last entry queued for delivery (null: from the subscription's creation on). */
  @Property({ type: 'text', nullable: true })
  feedCursor: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  /**
   * The delivery run holding the subscription: one run at a time sends its entries. Taken with a conditional update,
   * renewed before each attempt, released at the end; a killed process's lease lapses at `leaseUntil`.
   */
  @Property({ type: 'uuid', nullable: true, lazy: true })
  leaseHolder: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true, lazy: true })
  leaseUntil: Date | null = null;
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  RETRYING = 'RETRYING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}

/**
 * One feed entry for one subscription. Rows are inserted in feed order, so `id` orders a subscription's deliveries;
 * the oldest PENDING or RETRYING row blocks the later ones until it is delivered or dead-lettered.
 */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['subscriptionId', 'auditRecordId'] })
@Index({ properties: ['subscriptionId', 'id'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class WebhookDelivery {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** Its subscription; deleting the subscription deletes its deliveries (foreign key, on delete cascade). */
  @ManyToOne(() => WebhookSubscription, { fieldName: 'subscription_id', mapToPk: true, deleteRule: 'cascade' })
  subscriptionId!: string;

  /** The audit record the feed entry comes from. */
  @Property({ type: 'bigint' })
  auditRecordId!: string;

  /** The `webhook-id` header: the same on every attempt of this entry to this subscription, for de-duplication. */
  @Property({ type: 'text' })
  messageId!: string;

  /** The body, fixed when queued, so every attempt sends the same bytes. */
  @Property({ type: 'text' })
  payload!: string;

  @Property({ type: 'text' })
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'integer', nullable: true })
  lastResponseCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  firstAttemptAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null = null;

  /** When the next attempt is due; null: as soon as it is the subscription's oldest open entry. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();
}
