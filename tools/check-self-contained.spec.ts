import { definedRuleIds, findProblems, type SourceFile } from './check-self-contained';

// The bad citations are assembled from parts so that this file itself passes the checker.
const SEED_FILE = ['004', '4d2725de1c348b75.txt'].join('_');
const CATALOGUE = ['requirements', 'md'].join('.');
const CONTRACT = ['contract', 'md'].join('.');

const RULES_PAGE: SourceFile = {
  path: 'docs/rules.md',
  text: [
    '| id | rule |',
    '| --- | --- |',
    '| DIS-04 | signed plan first |',
    '| OST-03 | bridging |',
  ].join('\n'),
};
const SECURITY_PAGE: SourceFile = {
  path: 'docs/security/input-bounds.md',
  text: ['| BND-1 | body size |', '- BND-4: every bound holds the fixed window'].join('\n'),
};
const DEFINED = definedRuleIds([RULES_PAGE, SECURITY_PAGE]);

function problemsIn(path: string, ...lines: string[]) {
  return findProblems([{ path, text: lines.join('\n') }], DEFINED);
}

describe('definedRuleIds', () => {
  it('reads the ids of table rows and of `- ID:` list items, nothing else', () => {
    expect([...DEFINED].sort()).toEqual(['BND-1', 'BND-4', 'DIS-04', 'OST-03']);
  });
});

describe('findProblems', () => {
  it('reports a seed file citation with its file and line', () => {
    const problems = problemsIn(
      'libs/x/src/lib/y.ts',
      '// fine',
      `// one DIR per custody episode (${SEED_FILE}:260)`,
    );
    expect(problems).toEqual([expect.objectContaining({ path: 'libs/x/src/lib/y.ts', line: 2 })]);
    expect(problems[0]!.message).toContain('policy seed file');
  });

  it.each([
    ['the requirements catalogue', `// a closed allow-list (${CATALOGUE} §4.4)`],
    [
      'a seed folder path',
      "description: 'Where the rule comes from, `" + 'seeds' + "/<file>:<line>`'",
    ],
    ['a short seed line', '// asks the CJIT for its record (' + '003:' + '589)'],
    ['a path outside the repository', '// see ' + ['..', 'shared', 'product'].join('/')],
    ['the house style', '// (' + ['house-style', 'md'].join('.') + ' §3)'],
    ['the architecture notes', '// (' + ['architecture', 'md'].join('.') + ')'],
    ['a bare contract citation', `// (${CONTRACT} §4)`],
    ['an id of the retired catalogue', '// always audited (' + ['DP', '10'].join('-') + ')'],
    ['an undefined rule id', '// the signed plan (' + ['DIS', '99'].join('-') + ')'],
  ])('reports %s', (_, line) => {
    expect(problemsIn('apps/api/src/a.ts', line)).toHaveLength(1);
  });

  it('accepts rule ids the rules pages define, and docs/hub-interface.md sections', () => {
    expect(
      problemsIn(
        'apps/api/src/a.ts',
        '// nothing before the plan is signed (DIS-04); bridging (OST-03); bounds (BND-1, BND-4)',
        '// every write is idempotent (docs/hub-interface.md §3)',
      ),
    ).toEqual([]);
  });

  it("accepts the repository's own docs/architecture.md, by path or by a link that resolves to it", () => {
    const page = ['architecture', 'md'].join('.');
    expect(problemsIn('tools/a.ts', `// (docs/${page})`)).toEqual([]);
    expect(problemsIn('docs/rules.md', `the shape: [it](${page})`)).toEqual([]);
    expect(problemsIn('apps/api/src/a.ts', `// (${page})`)).toHaveLength(1);
  });

  it('accepts a relative link that resolves to docs/hub-interface.md', () => {
    expect(
      problemsIn('docs/rules.md', `the interface: [it](${['hub-interface', 'md'].join('.')})`),
    ).toEqual([]);
    expect(problemsIn('docs/rules.md', `the interface: [it](${CONTRACT})`)).toHaveLength(1);
    expect(problemsIn('libs/x/README.md', 'see [it](../../docs/hub-interface.md)')).toEqual([]);
    expect(problemsIn('libs/x/README.md', `see [it](${CONTRACT})`)).toHaveLength(1);
  });

  it('does not mistake times of day or timestamps for seed lines', () => {
    expect(
      problemsIn('apps/api/src/a.ts', "at: '2026-11-05T09:00:01.000Z', local: '00:30'"),
    ).toEqual([]);
  });
});
