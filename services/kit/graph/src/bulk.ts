import { validateSync } from 'class-validator';
import { GraphQLError } from 'graphql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';

import { BadUserInputError } from '@hrc/service-kit';

export enum BulkMode {
  ALL_OR_NOTHING = 'ALL_OR_NOTHING',
  ROW_BY_ROW = 'ROW_BY_ROW',
}
registerEnumType(BulkMode, {
  name: 'BulkMode',
  description: 'What a bulk mutation does when some rows fail',
  valuesConfig: {
    ALL_OR_NOTHING: { description: 'Write every row or none: one failing row leaves every row NOT_WRITTEN' },
    ROW_BY_ROW: { description: 'Write every row that passes; each failing row reports its error and writes nothing' },
  },
});

export enum BulkRowOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ERROR = 'ERROR',
  NOT_WRITTEN = 'NOT_WRITTEN',
}
registerEnumType(BulkRowOutcome, {
  name: 'BulkRowOutcome',
  description: 'What happened to one row of a bulk mutation',
  valuesConfig: {
    CREATED: { description: 'A new record was written' },
    UPDATED: { description: "The caller's own open record for the same key was changed" },
    ERROR: { description: 'The row was refused; its error names the field' },
    NOT_WRITTEN: { description: 'The row was valid, but another row failed in ALL_OR_NOTHING mode' },
  },
});

@Directive('@shareable')
@ObjectType({ description: 'Why one row of a bulk mutation was refused' })
export class BulkRowError {
  @Field({ description: 'The error code, as in a GraphQL error: BAD_USER_INPUT, CONFLICT, FORBIDDEN' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The input field at fault, for example "value"' })
  field!: string | null;

  @Field({ description: 'What is wrong, for a person' })
  message!: string;

  @Field(() => ID, { nullable: true, description: 'For a CONFLICT: the id of the existing record in the way' })
  existingId!: string | null;
}

/** One row's result as the use cases compute it: the record written, or why not. */
export interface BulkRowResult<T> {
  index: number;
  outcome: BulkRowOutcome;
  record: T | null;
  error: BulkRowError | null;
}

/** A bulk mutation's payload as the use cases compute it. */
export interface BulkResult<T> {
  committed: boolean;
  rows: BulkRowResult<T>[];
}

/** A typed GraphQL error (BAD_USER_INPUT, CONFLICT…) as one row's error; anything else is not a row's fault. */
export function rowErrorOf(error: unknown): BulkRowError {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    const extensions = error.extensions as { code: string; field?: string; existingId?: string };
    return {
      code: extensions.code,
      field: extensions.field ?? null,
      message: error.message,
      existingId: extensions.existingId ?? null,
    };
  }
  throw error;
}

/** The class-validator constraints of one row's input, as a BAD_USER_INPUT naming the first field at fault. */
export function rowValidationFailure(row: object): BadUserInputError | null {
  const [first] = validateSync(row, { forbidUnknownValues: false });
  if (!first) return null;
  return new BadUserInputError(first.property, Object.values(first.constraints ?? {})[0] ?? 'is not valid');
}

/**
 * Settles a bulk result for its mode: in ALL_OR_NOTHING, one failed row turns every other row into NOT_WRITTEN
 * (the caller must not have written them); otherwise the rows stand as computed.
 */
export function settleBulk<T>(mode: BulkMode, rows: BulkRowResult<T>[]): BulkResult<T> {
  const failed = rows.some((row) => row.outcome === BulkRowOutcome.ERROR);
  if (mode === BulkMode.ALL_OR_NOTHING && failed) {
    return {
      committed: false,
      rows: rows.map((row) =>
        row.outcome === BulkRowOutcome.ERROR ? row : { ...row, outcome: BulkRowOutcome.NOT_WRITTEN, record: null },
      ),
    };
  }
  return { committed: rows.some((row) => row.record !== null), rows };
}

/**
 * The GraphQL types of a bulk mutation's result for one entity: `<Name>RowResult` and `<Name>s…Payload` with counts,
 * so every bulk mutation reports rows the same way.
 */
export function BulkPayloadType<T extends object>(entity: ClassType<T>, name: string, payloadName: string) {
  @ObjectType(`${name}RowResult`, { description: `The result of one row of a bulk ${name} mutation` })
  class RowResult {
    @Field(() => Int, { description: 'The row, counted from 0 in the order sent' })
    index!: number;

    @Field(() => BulkRowOutcome, { description: 'What happened to the row: created, updated, refused, or not written' })
    outcome!: BulkRowOutcome;

    @Field(() => entity, { nullable: true, description: 'The record written: set for CREATED and UPDATED' })
    record!: T | null;

    @Field(() => BulkRowError, { nullable: true, description: 'Why the row was refused: set for ERROR' })
    error!: BulkRowError | null;
  }

  @ObjectType(payloadName, { description: `What a bulk ${name} mutation did, row by row` })
  class Payload {
    @Field({ description: 'Whether anything was written' })
    committed!: boolean;

    @Field(() => Int, { description: 'Rows CREATED' })
    created!: number;

    @Field(() => Int, { description: 'Rows UPDATED' })
    updated!: number;

    @Field(() => Int, { description: 'Rows refused (ERROR)' })
    failed!: number;

    @Field(() => [RowResult], { description: 'One result per row, in the order sent' })
    rows!: RowResult[];

    @Field(() => String, { nullable: true, description: 'The clientMutationId sent, echoed back' })
    clientMutationId!: string | null;
  }
  return { RowResult, Payload };
}

export interface BulkPayload<T> extends BulkResult<T> {
  created: number;
  updated: number;
  failed: number;
  clientMutationId: string | null;
}

/** The payload of a bulk result, with its counts. */
export function bulkPayload<T>(result: BulkResult<T>, clientMutationId: string | null | undefined): BulkPayload<T> {
  const count = (outcome: BulkRowOutcome) => result.rows.filter((row) => row.outcome === outcome).length;
  return {
    ...result,
    created: count(BulkRowOutcome.CREATED),
    updated: count(BulkRowOutcome.UPDATED),
    failed: count(BulkRowOutcome.ERROR),
    clientMutationId: clientMutationId ?? null,
  };
}
