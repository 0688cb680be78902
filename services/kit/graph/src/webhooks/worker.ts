import { createHash } from 'node:crypto';

import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import PgBoss from 'pg-boss';

import { AuditRecord } from '@hrc/domain-kit';
import { tableQuery, type Identity, type Logger, type RequestContext, type WebhookSettings } from '@hrc/service-kit';

import type { ChangeEdge, FeedList } from '../change-feed';
import { nextAttemptAfterFailure } from './backoff';
import { sendSigned } from './send';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookSubscription } from './webhook.entities';

/** Entries read from the feed per statement when a subscription's queue runs dry. */
const FEED_PAGE = 100;
/** A full sweep of every subscription this often, after a crash or a failed job, besides new entries and due retries. */
const SWEEP_EVERY_MS = 30_000;
/** Workers polling the queue, each taking up to this many subscriptions at once. */
const WORKERS = 4;
const BATCH_SIZE = 10;

interface SubscriptionJob {
  subscriptionId: string;
}

/** The identity a subscription reads the feed as: a partner of its organisation, or the secretariat. */
export function identityOfSubscription(subscription: Pick<WebhookSubscription, 'id' | 'organizationId'>): Identity {
  return subscription.organizationId
    ? { subject: `webhook:${subscription.id}`, organizationId: subscription.organizationId, roles: ['partner'] }
    : { subject: `webhook:${subscription.id}`, organizationId: null, roles: ['secretariat'] };
}

/** The webhook-id of one entry for one subscription: derived, so it is the same however often it is queued or sent. */
export function messageIdOf(subscriptionId: string, auditRecordId: string): string {
  return `msg_${createHash('sha256').update(`${subscriptionId}:${auditRecordId}`).digest('base64url').slice(0, 32)}`;
}

/** The JSON body of one entry: the feed entry as `changes` shows it, wrapped as Standard Webhooks suggests. */
export function payloadOf(list: string, edge: ChangeEdge): string {
  const change = edge.node;
  return JSON.stringify({
    type: `${list}.${change.operation.toLowerCase()}`,
    timestamp: change.occurredAt.toISOString(),
    data: {
      list,
      operation: change.operation,
      entityType: change.entityType,
      entityId: change.entityId,
      globalId: change.globalId,
      cityId: change.cityId,
      organizationId: change.organizationId,
      action: change.action,
      occurredAt: change.occurredAt.toISOString(),
      cursor: edge.cursor,
    },
  });
}

export interface WebhookWorkerOptions {
  subgraph: string;
  lists: FeedList[];
  orm: MikroORM;
  databaseUrl: string;
  settings: WebhookSettings;
  logger: Logger;
  /** A request context for reading the feed as `identity`, with the subgraph's loaders. */
  contextFor(em: EntityManager, identity: Identity): RequestContext;
}

/**
 * Delivers each subscription's entries in order, at least once, from pg-boss in the subgraph's own database (schema
 * `<subgraph>_pgboss`). One job per subscription at a time (a `stately` queue keyed by the subscription): it queues
 * the feed entries after the subscription's cursor as delivery rows, then sends the oldest open row until one fails
 * (its retry time is stored on the row) or none is left. A poller wakes subscriptions when the feed moves, when a
 * retry falls due, and in a periodic sweep, so a crashed process's work is picked up after its job expires.
 */
export class WebhookWorker {
  private readonly boss: PgBoss;
  private readonly queue: string;
  private readonly workerIds: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private watermark: string | null = null;
  private lastSweep = 0;
  private ticking = false;
  private stopped = false;

  constructor(private readonly options: WebhookWorkerOptions) {
    this.queue = `webhooks-${options.subgraph}`;
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: `${options.subgraph}_pgboss`,
      application_name: `${options.subgraph}-webhooks`,
      max: 3,
      schedule: false,
      supervise: true,
      // Expired jobs (a killed process's) are failed promptly, so the sweep's next job for them can run.
      maintenanceIntervalSeconds: Math.min(120, Math.max(1, options.settings.jobExpireSeconds)),
    });
    this.boss.on('error', (error) => options.logger.warn({ err: error }, 'webhook queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    await this.boss.createQueue(this.queue, {
      name: this.queue,
      policy: 'stately',
      retryLimit: 0,
      expireInSeconds: this.options.settings.jobExpireSeconds,
    });
    for (let index = 0; index < WORKERS; index += 1) {
      this.workerIds.push(
        await this.boss.work<SubscriptionJob>(
          this.queue,
          { batchSize: BATCH_SIZE, pollingIntervalSeconds: 0.5 },
          async (jobs) => {
            await Promise.all(jobs.map((job) => this.runGuarded(job.data.subscriptionId)));
          },
        ),
      );
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
    // pg-boss 10 checks once a second, after stop() resolves, that its workers stopped: let that check run first, so
    // nothing of the queue's outlives close().
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  /** Wakes the subscriptions that have work: all when the feed moved (or in a sweep), else those with a retry due. */
  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const em = this.options.orm.em.fork();
      const knex = em.getKnex();
      const [head] = (await tableQuery(em, AuditRecord, 'a')
        .select(knex.raw('a.transaction_id::text as position'))
        .whereRaw('a.transaction_id < pg_snapshot_xmin(pg_current_snapshot())')
        .orderByRaw('a.transaction_id desc, a.id desc')
        .limit(1)) as Array<{ position: string }>;
      const position = head?.position ?? '0';
      const sweep = Date.now() - this.lastSweep >= SWEEP_EVERY_MS;
      let ids: string[];
      if (sweep || position !== this.watermark) {
        ids = ((await tableQuery(em, WebhookSubscription, 's').select('s.id')) as Array<{ id: string }>).map(
          (row) => row.id,
        );
        if (sweep) this.lastSweep = Date.now();
      } else {
        ids = (
          (await tableQuery(em, WebhookDelivery, 'd')
            .distinct('d.subscription_id as id')
            .whereIn('d.status', [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.RETRYING])
            .whereRaw('(d.next_attempt_at is null or d.next_attempt_at <= now())')) as Array<{ id: string }>
        ).map((row) => row.id);
      }
      this.watermark = position;
      await this.wake(ids);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'webhook poll failed');
    } finally {
      this.ticking = false;
      this.schedule(this.options.settings.pollIntervalMs);
    }
  }

  /** Queues one job per subscription; a subscription that already has one queued keeps it (stately). */
  private async wake(subscriptionIds: string[]): Promise<void> {
    if (subscriptionIds.length === 0 || this.stopped) return;
    await this.boss.insert(
      subscriptionIds.map((subscriptionId) => ({
        name: this.queue,
        data: { subscriptionId },
        singletonKey: subscriptionId,
        retryLimit: 0,
        expireInSeconds: this.options.settings.jobExpireSeconds,
      })),
    );
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  private async runGuarded(subscriptionId: string): Promise<void> {
    try {
      await this.run(subscriptionId);
    } catch (error) {
      // The next poll wakes it again; its rows and cursor are as the last committed step left them.
      this.options.logger.warn({ err: error, subscriptionId }, 'webhook delivery job failed');
    }
  }

  /** One subscription's turn: queue new entries, then deliver oldest first until one fails, none is left, or time is up. */
  async run(subscriptionId: string): Promise<void> {
    const budgetMs = (this.options.settings.jobExpireSeconds * 1000) / 3;
    const started = Date.now();
    for (;;) {
      if (this.stopped) return;
      const em = this.options.orm.em.fork();
      const subscription = await em.findOne(WebhookSubscription, subscriptionId, { populate: ['secret'] });
      if (!subscription) return;
      const list = this.options.lists.find((candidate) => candidate.name === subscription.list);
      if (!list) return;
      const head = await em.findOne(
        WebhookDelivery,
        { subscriptionId, status: { $in: [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.RETRYING] } },
        { orderBy: { id: 'asc' } },
      );
      if (!head) {
        if ((await this.queueEntries(em, subscription, list)) === 0) return;
        continue;
      }
      const now = new Date();
      // Not due yet: the poller wakes the subscription when it is.
      if (head.nextAttemptAt && head.nextAttemptAt > now) return;
      if (Date.now() - started > budgetMs) {
        // Hand over before the job could expire under us: a new job continues where this one stopped.
        await this.wake([subscriptionId]);
        return;
      }
      const result = await sendSigned({
        url: subscription.url,
        secret: subscription.secret,
        messageId: head.messageId,
        payload: head.payload,
        timeoutMs: this.options.settings.timeoutMs,
        policy: { allowLoopback: this.options.settings.allowLoopback },
      });
      const attemptedAt = new Date();
      head.attempts += 1;
      head.firstAttemptAt ??= attemptedAt;
      head.lastAttemptAt = attemptedAt;
      head.lastResponseCode = result.responseCode;
      head.lastError = result.error;
      if (result.delivered) {
        head.status = WebhookDeliveryStatus.DELIVERED;
        head.deliveredAt = attemptedAt;
        head.nextAttemptAt = null;
      } else {
        const next = nextAttemptAfterFailure(
          this.options.settings.retry,
          head.attempts,
          head.firstAttemptAt,
          attemptedAt,
        );
        head.status = next ? WebhookDeliveryStatus.RETRYING : WebhookDeliveryStatus.DEAD;
        head.nextAttemptAt = next;
      }
      await em.flush();
      if (head.status === WebhookDeliveryStatus.RETRYING) return;
    }
  }

  /**
   * Reads the entries after the subscription's cursor as its owner would read `changes`, and queues them as delivery
   * rows with the cursor advanced, in one transaction: each entry is queued exactly once, in feed order.
   */
  private async queueEntries(em: EntityManager, subscription: WebhookSubscription, list: FeedList): Promise<number> {
    const page = await list.read(this.options.contextFor(em, identityOfSubscription(subscription)), {
      first: FEED_PAGE,
      after: subscription.feedCursor,
    });
    if (page.edges.length === 0) return 0;
    await em.transactional(async (tx) => {
      await tx
        .createQueryBuilder(WebhookDelivery)
        .insert(
          page.edges.map((edge) => ({
            subscriptionId: subscription.id,
            auditRecordId: edge.recordId!,
            messageId: messageIdOf(subscription.id, edge.recordId!),
            payload: payloadOf(list.name, edge),
            status: WebhookDeliveryStatus.PENDING,
            attempts: 0,
            createdAt: new Date(),
          })),
        )
        .onConflict(['subscriptionId', 'auditRecordId'])
        .ignore()
        .execute();
      await tx.nativeUpdate(WebhookSubscription, { id: subscription.id }, { feedCursor: page.pageInfo.endCursor });
    });
    return page.edges.length;
  }
}
