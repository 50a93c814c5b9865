import { getMetadataStorage } from 'class-validator';

/**
 * The variables an env class declares: every property carrying a class-validator decorator
 * (each variable has at least one, `@IsOptional()` for the free-form ones), inherited included.
 */
export function declaredVariables(envClass: abstract new (...args: never[]) => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(envClass, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))].sort();
}

const VARIABLE_ROW = /^\| `([A-Z][A-Z0-9_]*)`/;

/** The variables in the first column of the tables under `## <heading>` of docs/configuration.md. */
export function documentedVariables(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`docs/configuration.md has no section "## ${heading}"`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .flatMap((line) => VARIABLE_ROW.exec(line)?.[1] ?? [])
    .sort();
}

/** Every variable named in the first column of any table row of the page. */
export function everyDocumentedVariable(markdown: string): string[] {
  return [
    ...new Set(
      markdown
        .split('\n')
        .flatMap((line) => (line.startsWith('| `') ? (line.split('|')[1] ?? '') : []))
        .flatMap((cell) =>
          [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1] as string),
        ),
    ),
  ].sort();
}
