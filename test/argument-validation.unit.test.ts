import { registerDecorator } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

import { citiesSubgraph } from '@hrc/cities';
import { educationSubgraph } from '@hrc/education';
import { eventsSubgraph } from '@hrc/events';
import { PageArgs, asynchronousValidationRules, validateArguments } from '@hrc/graph-kit';

const pageOf = (first: number) => Object.assign(new PageArgs(), { first });

describe('argument validation', () => {
  test('every rule of the three subgraphs is synchronous, as validateArguments needs', () => {
    // Importing the subgraphs registers every input class and its rules.
    expect([citiesSubgraph.name, eventsSubgraph.name, educationSubgraph.name]).toEqual([
      'cities',
      'events',
      'education',
    ]);
    expect(asynchronousValidationRules()).toEqual([]);
  });

  // Runs after the test above: the rule it registers stays in class-validator's global storage.
  test('an asynchronous rule, were one added, is found', () => {
    class Probe {
      code!: string;
    }
    registerDecorator({
      name: 'probeAsynchronousRule',
      target: Probe,
      propertyName: 'code',
      async: true,
      validator: { validate: async () => true },
    });
    expect(asynchronousValidationRules()).toEqual(['probeAsynchronousRule']);
  });

  test('answers at once: nothing for valid arguments, ArgumentValidationError naming the first invalid one', () => {
    expect(validateArguments(pageOf(10), PageArgs, {} as never)).toBeUndefined();
    expect(validateArguments('a scalar', String, {} as never)).toBeUndefined();

    let thrown: unknown;
    try {
      validateArguments([pageOf(5), pageOf(101), pageOf(-1)], PageArgs, {} as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ArgumentValidationError);
    const [failure] = (thrown as ArgumentValidationError).extensions.validationErrors;
    expect(failure).toMatchObject({ property: 'first', value: 101 });
    expect(() => validateArguments(pageOf(1000), PageArgs, {} as never)).toThrow(ArgumentValidationError);
  });
});
