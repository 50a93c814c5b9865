import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

// The repository stands alone: no file may send its reader to a document the repository does
// not hold (the team's product notes, the policy seed files), and every rule id cited in code
// must be defined in docs/rules.md or docs/security/*.md. Run by the test command's static stage.

export interface SourceFile {
  path: string;
  text: string;
}

export interface Problem {
  path: string;
  line: number;
  message: string;
}

/** Rule families whose ids code may cite; each id must be defined in a rules page. */
const RULE_ID = /\b(?:DIS|TIM|DIR|OST|NAL|CON|TRF|REL|MEA|RET|ACK|ACC|BND|FP)-\d+\b/g;

/** Ids of the retired requirements catalogue, which the repository does not hold. */
const RETIRED_ID = /\b(?:DP|MED|HUB|SUP|NSU|URL|PRE|E28|CUS|ASM|RSK|TMP)-\d+\b/g;

/** Documents outside the repository, by name (the pattern is escaped so this file passes). */
const OUTSIDE: ReadonlyArray<[RegExp, string]> = [
  [/requirements\.md/g, 'cites the requirements catalogue, which is not in the repository'],
  [
    /\brequirements (?:§|[A-Z]{1,4}-\d)/g,
    'cites the requirements catalogue, which is not in the repository',
  ],
  [/\bseeds\//g, 'cites a policy seed file; cite the rule id in docs/rules.md'],
  [/\b\d{3}_[0-9a-f]{16}\b/g, 'cites a policy seed file; cite the rule id in docs/rules.md'],
  [/(?<![\w:.$/-])00[0-4]:\d+/g, 'cites a policy seed line; cite the rule id in docs/rules.md'],
  [/\.\.\/shared\b|\/work\/shared\b/g, 'points outside the repository'],
  [/\bhouse-style\.md/g, 'cites the house style, which is not in the repository'],
  [/\bbrief\.md/g, 'cites the product brief, which is not in the repository'],
];

/** A contract citation is fine only where it resolves to docs/hub-interface.md. */
const CONTRACT = /[\w./-]*(?:contract|hub-interface)\.md/g;

/** An architecture citation is fine only where it resolves to the repository's own page. */
const ARCHITECTURE = /[\w./-]*architecture\.md/g;

/** The ids a rules page defines: the first cell of a table row, or a list item `- BND-4: ...`. */
export function definedRuleIds(pages: readonly SourceFile[]): Set<string> {
  const ids = new Set<string>();
  for (const page of pages) {
    for (const match of page.text.matchAll(/^(?:\|\s*|[-*]\s+)([A-Z]{2,4}-\d+)(?:\s*\||:)/gm))
      if (match[1]) ids.add(match[1]);
  }
  return ids;
}

function resolvesTo(page: string, path: string, token: string): boolean {
  if (token === page || token.endsWith(`/${page}`)) return true;
  return normalize(join(dirname(path), token)) === normalize(page);
}

function contractResolves(path: string, token: string): boolean {
  return resolvesTo('docs/hub-interface.md', path, token);
}

function lineProblems(path: string, line: string, defined: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const [pattern, message] of OUTSIDE) {
    for (const match of line.matchAll(pattern)) found.push(`${message}: "${match[0]}"`);
  }
  for (const match of line.matchAll(CONTRACT)) {
    if (!contractResolves(path, match[0]))
      found.push(`"${match[0]}" is not docs/hub-interface.md (cite "docs/hub-interface.md §N")`);
  }
  for (const match of line.matchAll(ARCHITECTURE)) {
    if (!resolvesTo('docs/architecture.md', path, match[0]))
      found.push(
        `cites the architecture notes, which are not in the repository: "${match[0]}" is not docs/architecture.md`,
      );
  }
  for (const match of line.matchAll(RETIRED_ID))
    found.push(
      `"${match[0]}" is an id of the retired requirements catalogue; cite a docs/rules.md id`,
    );
  for (const match of line.matchAll(RULE_ID)) {
    if (!defined.has(match[0]))
      found.push(
        `rule id "${match[0]}" is defined neither in docs/rules.md nor docs/security/*.md`,
      );
  }
  return found;
}

/** Every problem in the files, as file:line. Pure, for the unit test. */
export function findProblems(
  files: readonly SourceFile[],
  defined: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  for (const file of files) {
    file.text.split('\n').forEach((line, index) => {
      for (const message of lineProblems(file.path, line, defined))
        problems.push({ path: file.path, line: index + 1, message });
    });
  }
  return problems;
}

function trackedTextFiles(): SourceFile[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0');
  const files: SourceFile[] = [];
  for (const path of paths) {
    if (!path || path === 'package-lock.json') continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // listed but deleted in the working tree
    }
    if (!text.includes('\0')) files.push({ path, text });
  }
  return files;
}

function main(): void {
  const files = trackedTextFiles();
  const pages = [
    'docs/rules.md',
    ...readdirSync('docs/security')
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/security/${name}`),
  ].map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const problems = findProblems(files, definedRuleIds(pages));
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`${p.path}:${p.line}: ${p.message}\n`);
    process.stderr.write(
      `${problems.length} reference(s) to documents outside the repository or to undefined rule ids\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${files.length} tracked files cite only what the repository holds\n`);
}

if (require.main === module) main();
