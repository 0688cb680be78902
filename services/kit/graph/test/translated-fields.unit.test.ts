import { graphql, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { Field, ID, ObjectType, Query, Resolver } from 'type-graphql';

import { buildFederatedSchema, createTranslatedFieldsResolver } from '../src';

@ObjectType()
class Poster {
  @Field(() => ID)
  id!: string;

  title!: string;

  titleTranslations!: Record<string, string>;
}

const POSTERS: Poster[] = Array.from({ length: 50 }, (_, index) => ({
  id: `p${index}`,
  title: `Poster ${index}`,
  titleTranslations: { ko: `포스터 ${index}` },
}));

@Resolver()
class PostersResolver {
  @Query(() => [Poster])
  posters(): Poster[] {
    return POSTERS;
  }
}

const PosterTranslatedFieldsResolver = createTranslatedFieldsResolver(Poster, [{ field: 'title' }]);

describe('a translated text', () => {
  let schema: Awaited<ReturnType<typeof buildFederatedSchema>>;
  beforeAll(async () => {
    schema = await buildFederatedSchema({ resolvers: [PostersResolver, PosterTranslatedFieldsResolver] });
  });

  test('is given in the language asked for, else in the original', async () => {
    const result = await graphql({
      schema,
      source:
        '{ posters { ko: title(lang: "ko-KR") fr: title(lang: "fr") original: title titleTranslations { lang text } } }',
    });
    expect(result.errors).toBeUndefined();
    expect((result.data as any).posters[1]).toEqual({
      ko: '포스터 1',
      fr: 'Poster 1',
      original: 'Poster 1',
      titleTranslations: [{ lang: 'ko', text: '포스터 1' }],
    });
  });

  test('resolves synchronously, not through a promise per node', () => {
    // type-graphql's own wrapper validates the argument in an async function, so its resolver returns a promise.
    const field = (schema.getType('Poster') as GraphQLObjectType).getFields().title;
    expect(field.resolve!(POSTERS[2], { lang: 'ko' }, {}, {} as GraphQLResolveInfo)).toBe('포스터 2');
  });
});
