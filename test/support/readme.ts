import { parse, print, type OperationDefinitionNode } from 'graphql';

/*
 * The README's examples, as the tests run them. A fenced block is executable when its language is `graphql`, or `sh`
 * with a `curl` in it. HTML comments on the lines directly above a fence steer it:
 *   <!-- not-run: why -->            the block is not executed (say why)
 *   <!-- run-as: secretariat -->     GraphQL operations are sent with a token of that role
 *   <!-- run-as: partner <org> -->   … of a partner of the organisation with that slug
 *   <!-- sets: name = a.b.*.c -->    the result at that path becomes the variable $name of later blocks; `*` takes
 *                                     the first list element under which the rest of the path is not null
 */

export type ExampleLanguage = 'graphql' | 'sh';

export interface ReadmeExample {
  language: ExampleLanguage;
  /** 1-based line of the opening fence, to name the example. */
  line: number;
  source: string;
  notRun: string | null;
  runAs: { role: string; organization: string | null } | null;
  sets: Array<{ variable: string; path: string[] }>;
}

const FENCE = /^```(\S*)\s*$/;
const DIRECTIVE = /^<!--\s*(not-run|run-as|sets):\s*(.*?)\s*-->$/;

export function readmeExamples(markdown: string): ReadmeExample[] {
  const lines = markdown.split('\n');
  const examples: ReadmeExample[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = FENCE.exec(lines[index]!);
    if (!opening) continue;
    const end = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    if (end < 0) throw new Error(`README line ${index + 1}: unclosed code block`);
    const source = lines.slice(index + 1, end).join('\n');
    const language = opening[1];
    const fenceLine = index + 1;
    index = end;
    if (language !== 'graphql' && !(language === 'sh' && /\bcurl\b/.test(source))) continue;

    const example: ReadmeExample = {
      language: language as ExampleLanguage,
      line: fenceLine,
      source,
      notRun: null,
      runAs: null,
      sets: [],
    };
    for (let above = fenceLine - 2; above >= 0 && lines[above]!.startsWith('<!--'); above--) {
      const directive = DIRECTIVE.exec(lines[above]!.trim());
      if (!directive) throw new Error(`README line ${above + 1}: unknown directive ${lines[above]}`);
      const [, name, value] = directive as unknown as [string, string, string];
      if (name === 'not-run') {
        if (!value) throw new Error(`README line ${above + 1}: not-run needs a reason`);
        example.notRun = value;
      } else if (name === 'run-as') {
        const [role, organization = null] = value.split(/\s+/);
        example.runAs = { role: role!, organization };
      } else {
        const assignment = /^(\w+)\s*=\s*([\w.*]+)$/.exec(value);
        if (!assignment) throw new Error(`README line ${above + 1}: sets needs "name = path"`);
        example.sets.push({ variable: assignment[1]!, path: assignment[2]!.split('.') });
      }
    }
    examples.push(example);
  }
  return examples;
}

/** Each operation of a GraphQL block on its own, since a document of several anonymous operations cannot run. */
export function operationsOf(source: string): string[] {
  return parse(source).definitions.map((definition) => print(definition));
}

/** The names of the variables an operation declares. */
export function declaredVariables(operation: string): string[] {
  const [definition] = parse(operation).definitions as OperationDefinitionNode[];
  return (definition?.variableDefinitions ?? []).map((variable) => variable.variable.name.value);
}

/** The value at a `sets` path; undefined when the path does not reach a property. */
export function valueAt(data: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return data;
  const [head, ...rest] = path;
  if (head === '*') {
    if (!Array.isArray(data)) return undefined;
    for (const element of data) {
      const found = valueAt(element, rest);
      if (found !== undefined && found !== null) return found;
    }
    return undefined;
  }
  if (data === null || typeof data !== 'object' || !(head! in data)) return undefined;
  return valueAt((data as Record<string, unknown>)[head!], rest);
}
