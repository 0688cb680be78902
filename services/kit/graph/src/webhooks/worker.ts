import { createHash, randomUUID } from 'node:crypto';

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
const BATCH_SIZE = 25;

/**
 * How long a subscription's lease lasts from its last renewal (before each attempt): one attempt's timeout, twice,
 * plus a second for the statements around it. A killed process's subscriptions are picked up once it lapses.
 */
export function leaseMsOf(settings: Pick<WebhookSettings, 'timeoutMs'>): number {
  return settings.timeoutMs * 2 + 1_000;
}

/** What sending a row needs. */
interface OpenDelivery {
  id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  firstAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  messageId: string;
  payload: string;
}

const OPEN_COLUMNS = ['id', 'status', 'attempts', 'first_attempt_at', 'next_attempt_at', 'message_id', 'payload'];

interface OpenRow {
  id: string | number;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** Raw rows: MikroORM's connection leaves timestamps as text. */
  first_attempt_at: Date | string | null;
  next_attempt_at: Date | string | null;
  message_id: string;
  payload: string;
}

function openDeliveryOf(row: OpenRow): OpenDelivery {
  return {
    id: String(row.id),
    status: row.status,
    attempts: row.attempts,
    firstAttemptAt: row.first_attempt_at === null ? null : new Date(row.first_attempt_at),
    nextAttemptAt: row.next_attempt_at === null ? null : new Date(row.next_attempt_at),
    messageId: row.message_id,
    payload: row.payload,
  };
}

/** `schema.table` of an entity, from MikroORM's metadata. */
function tableNameOf(em: EntityManager, entity: typeof WebhookDelivery | typeof WebhookSubscription): string {
  const metadata = em.getMetadata().find(entity)!;
  const schema = em.getDriver().getSchemaName(metadata);
  return schema ? `${schema}.${metadata.tableName}` : metadata.tableName;
}

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
 * `<subgraph>_pgboss`). A job wakes one subscription (a `short` queue keyed by the subscription, so at most one
 * wake-up of each is queued; a queued and a running one may coexist). The job takes the subscription's lease in its
 * row, so one run at a time sends its entries: it queues the feed entries after the subscription's cursor as delivery
 * rows, then sends the oldest open row until one fails (its retry time is stored on the row) or none is left. A job
 * that finds the lease held returns at once; the holder in this process runs again when it releases the lease. A poller
 * wakes subscriptions when the feed moves, when a retry falls due, when a lease lapsed (its holder was killed), and in
 * a periodic sweep.
 *
 * (A `stately` queue must not be used for this: pg-boss 10's unique index lets a queued and an active job of one key
 * coexist, then fails to move the queued one to active, and the whole fetch batch is lost: one slow receiver stalls
 * every subscription of the subgraph. timgit/pg-boss#536.)
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
  /** Subscriptions whose lease this process holds, with the runs that asked for them meanwhile. */
  private readonly holding = new Map<string, { wokenMeanwhile: boolean }>();
  /** Aborted by stop(): attempts in flight end at once, unrecorded, and are sent again by the next run. */
  private readonly stopping = new AbortController();

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
    const queueOptions = {
      name: this.queue,
      policy: 'short',
      retryLimit: 0,
      expireInSeconds: this.options.settings.jobExpireSeconds,
    } as const;
    await this.boss.createQueue(this.queue, queueOptions);
    // A queue created `stately` by an earlier version becomes `short` (the policy applies to jobs inserted from now on).
    await this.boss.updateQueue(this.queue, queueOptions);
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
    // Attempts in flight end now rather than after up to WEBHOOK_TIMEOUT_MS; their runs release their leases and end,
    // so pg-boss's graceful stop below waits only for those statements.
    this.stopping.abort();
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
            // Rows queued by a running job have no due time (that job sends them); a retry or a redeliver has one.
            .whereRaw('d.next_attempt_at <= now()')
            // A lease not released but lapsed: its holder was killed mid-run.
            .union(
              knex.select('id').from(tableNameOf(em, WebhookSubscription)).whereRaw('lease_until < now()'),
            )) as Array<{ id: string }>
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

  /** Queues one job per subscription; a subscription that already has one queued keeps it (short). */
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

  /**
   * One subscription's turn, under its lease: queue new entries, then deliver oldest first until one fails, none is
   * left, or time is up. Returns at once when another run holds the lease.
   */
  async run(subscriptionId: string): Promise<void> {
    const held = this.holding.get(subscriptionId);
    if (held) {
      // Held here: the holder runs again once it is done, so what woke this job is not lost.
      held.wokenMeanwhile = true;
      return;
    }
    const em = this.options.orm.em.fork();
    const lease = randomUUID();
    if (!(await this.takeLease(em, subscriptionId, lease))) return;
    const holding = { wokenMeanwhile: false };
    this.holding.set(subscriptionId, holding);
    let again = false;
    try {
      again = await this.runHolding(em, subscriptionId, lease);
    } finally {
      try {
        await this.releaseLease(em, subscriptionId, lease);
      } finally {
        // Only once the lease is free: a job arriving meanwhile marks the holder rather than finding the lease taken.
        this.holding.delete(subscriptionId);
      }
    }
    if ((again || holding.wokenMeanwhile) && !this.stopped) await this.wake([subscriptionId]);
  }

  /** Takes the lease when it is free or lapsed; also renews one held by `lease` (false: another run has it). */
  private async takeLease(em: EntityManager, subscriptionId: string, lease: string): Promise<boolean> {
    const leaseMs = leaseMsOf(this.options.settings);
    const taken = await em
      .getKnex()(tableNameOf(em, WebhookSubscription))
      .update({
        lease_holder: lease,
        lease_until: em.getKnex().raw(`now() + ? * interval '1 millisecond'`, [leaseMs]),
      })
      .where('id', subscriptionId)
      .andWhere((query) => {
        void query.whereNull('lease_until').orWhereRaw('lease_until < now()').orWhere('lease_holder', lease);
      })
      .returning('id');
    return taken.length === 1;
  }

  private async releaseLease(em: EntityManager, subscriptionId: string, lease: string): Promise<void> {
    await em
      .getKnex()(tableNameOf(em, WebhookSubscription))
      .update({ lease_holder: null, lease_until: null })
      .where({ id: subscriptionId, lease_holder: lease });
  }

  /** The run under the lease; true when it stopped for time with work left (another job continues it). */
  private async runHolding(em: EntityManager, subscriptionId: string, lease: string): Promise<boolean> {
    const budgetMs = (this.options.settings.jobExpireSeconds * 1000) / 3;
    const started = Date.now();
    const subscription = await em.findOne(WebhookSubscription, subscriptionId, { populate: ['secret'] });
    if (!subscription) return false;
    const list = this.options.lists.find((candidate) => candidate.name === subscription.list);
    if (!list) return false;
    let feedExhausted = false;
    // The subscription's open rows, oldest first: the first blocks the others until it is delivered or dead.
    let open = await this.openRows(em, subscriptionId);
    for (;;) {
      if (this.stopped) return false;
      if (open.length === 0) {
        if (feedExhausted) return false;
        const queued = await this.queueEntries(em, subscription, list);
        feedExhausted = !queued.hasMore;
        if (queued.read === 0) return false;
        // What was queued is all that is open: entries are queued only when nothing else is.
        open = queued.rows;
        continue;
      }
      for (const head of open) {
        if (this.stopped) return false;
        // Not due yet: the poller wakes the subscription when it is.
        if (head.nextAttemptAt && head.nextAttemptAt > new Date()) return false;
        // Hand over before the job could expire under us: a new job continues where this one stopped.
        if (Date.now() - started > budgetMs) return true;
        // Renewed before each attempt, so it outlasts the attempt; lost only if it lapsed and another run took it.
        if (!(await this.takeLease(em, subscriptionId, lease))) return false;
        if (!(await this.attempt(em, subscription, head))) return false;
      }
      // Fewer than a page, and the feed was read to its end: nothing is left once these are sent.
      if (open.length < FEED_PAGE && feedExhausted) return false;
      open = await this.openRows(em, subscriptionId);
    }
  }

  private async openRows(em: EntityManager, subscriptionId: string): Promise<OpenDelivery[]> {
    const rows = (await tableQuery(em, WebhookDelivery, 'd')
      .select(OPEN_COLUMNS.map((column) => `d.${column}`))
      .where('d.subscription_id', subscriptionId)
      .whereIn('d.status', [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.RETRYING])
      .orderBy('d.id')
      .limit(FEED_PAGE)) as OpenRow[];
    return rows.map(openDeliveryOf);
  }

  /** Sends one entry and records the outcome; false when it is to be retried later (later entries wait). */
  private async attempt(em: EntityManager, subscription: WebhookSubscription, head: OpenDelivery): Promise<boolean> {
    const result = await sendSigned({
      url: subscription.url,
      secret: subscription.secret,
      messageId: head.messageId,
      payload: head.payload,
      timeoutMs: this.options.settings.timeoutMs,
      policy: { allowLoopback: this.options.settings.allowLoopback },
      signal: this.stopping.signal,
    });
    // Stopping: the row stays as it was (open), and the next run sends it again under the same webhook-id.
    if (result.aborted) return false;
    const attemptedAt = new Date();
    const firstAttemptAt = head.firstAttemptAt ?? attemptedAt;
    const attempts = head.attempts + 1;
    let outcome: Partial<WebhookDelivery>;
    if (result.delivered) {
      outcome = { status: WebhookDeliveryStatus.DELIVERED, deliveredAt: attemptedAt, nextAttemptAt: null };
    } else {
      const next = nextAttemptAfterFailure(this.options.settings.retry, attempts, firstAttemptAt, attemptedAt);
      outcome = { status: next ? WebhookDeliveryStatus.RETRYING : WebhookDeliveryStatus.DEAD, nextAttemptAt: next };
    }
    // One statement, and only while the row is still open: a redeliver or a delete in between is not undone.
    await em.nativeUpdate(
      WebhookDelivery,
      { id: head.id, status: head.status },
      {
        ...outcome,
        attempts,
        firstAttemptAt,
        lastAttemptAt: attemptedAt,
        lastResponseCode: result.responseCode,
        lastError: result.error,
      },
    );
    return outcome.status !== WebhookDeliveryStatus.RETRYING;
  }

  /**
   * Reads the entries after the subscription's cursor as its owner would read `changes`, then queues them as delivery
   * rows and advances the cursor in one statement: each entry is queued exactly once, in feed order.
   */
  private async queueEntries(
    em: EntityManager,
    subscription: WebhookSubscription,
    list: FeedList,
  ): Promise<{ read: number; rows: OpenDelivery[]; hasMore: boolean }> {
    const page = await list.read(this.options.contextFor(em, identityOfSubscription(subscription)), {
      first: FEED_PAGE,
      after: subscription.feedCursor,
    });
    if (page.edges.length === 0) return { read: 0, rows: [], hasMore: false };
    const knex = em.getKnex();
    const now = new Date();
    const queued = knex(tableNameOf(em, WebhookDelivery))
      .insert(
        page.edges.map((edge) => ({
          subscription_id: subscription.id,
          audit_record_id: edge.recordId!,
          message_id: messageIdOf(subscription.id, edge.recordId!),
          payload: payloadOf(list.name, edge),
          status: WebhookDeliveryStatus.PENDING,
          attempts: 0,
          created_at: now,
        })),
      )
      .onConflict(['subscription_id', 'audit_record_id'])
      .ignore()
      .returning(OPEN_COLUMNS);
    const moved = knex(tableNameOf(em, WebhookSubscription))
      .update({ feed_cursor: page.pageInfo.endCursor })
      .where('id', subscription.id);
    const rows = (await knex
      .with('queued', queued)
      .with('moved', moved)
      .select('*')
      .from('queued')
      .orderBy('id')) as OpenRow[];
    subscription.feedCursor = page.pageInfo.endCursor;
    return { read: page.edges.length, rows: rows.map(openDeliveryOf), hasMore: page.pageInfo.hasNextPage };
  }
}
