import { Authorized, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';

import { buildFederatedSchema, ResolveSynchronously } from '../src';

@ObjectType()
class Badge {
  @Field(() => ID)
  id!: string;
}

@Resolver(() => Badge)
class BadgeResolver {
  @Query(() => [Badge])
  badges(): Badge[] {
    return [{ id: 'b1' }];
  }

  @ResolveSynchronously((badge) => `badge ${(badge as Badge).id}`)
  @Authorized('SECRETARIAT')
  @FieldResolver(() => String)
  label(@Root() badge: Badge): string {
    return `badge ${badge.id}`;
  }
}

// Alone in its file: type-graphql keeps the field's metadata globally, so every schema built after it would fail.
test('a field that resolves synchronously may not carry a rule the skipped wrapper would have applied', async () => {
  await expect(
    buildFederatedSchema({ resolvers: [BadgeResolver], authChecker: () => false, authMode: 'error' }),
  ).rejects.toThrow('BadgeResolver.label resolves synchronously, which would skip its authorization rule');
});
