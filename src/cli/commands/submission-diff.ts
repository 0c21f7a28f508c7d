// `gcm-review submission diff --cycle C --state XAA --from 3 --to 5`: what changed between two
// versions of a State's submission, per question, the words marked [-removed-]{+added+} (and in
// colour on a terminal), or the diff as JSON with --json.
import type { Command } from 'commander';
import { markedText, type ResponseDiff, type TextPart } from '../../domain/response-diff.ts';
import { systemActor } from '../../services/actors.ts';
import { CliError, printJson } from '../output.ts';
import { configFrom, withDatabaseOptions, withServices, type DatabaseOptions } from '../database.ts';

type Options = DatabaseOptions & { cycle: string; state: string; from: string; to: string; json?: boolean };

const ansi = { removed: '\u001b[31;9m', added: '\u001b[32;4m', reset: '\u001b[0m' };

/** The parts marked [-…-]{+…+}; in colour as well (red struck, green underlined) when `colour`. */
function marked(parts: readonly TextPart[], colour: boolean): string {
  if (!colour) return markedText(parts);
  return parts.map((p) => (p.kind === 'same' ? p.text : `${ansi[p.kind]}${markedText([p])}${ansi.reset}`)).join('');
}

const num = (n: number | null) => (n === null ? '' : ` ${n}`);

/** The diff as lines of text, one block per question, then principles, consent, contact fields, footnotes. */
export function diffText(diff: ResponseDiff, colour = false): string {
  if (diff.same) return 'No differences.\n';
  const lines: string[] = [];
  const whole = (kind: 'removed' | 'added', text: string) => marked([{ kind, text }], colour);
  for (const q of diff.answers) {
    lines.push(`Question ${q.question}`);
    for (const p of q.paragraphs) {
      if (p.kind === 'changed') {
        const renumbered = p.fromNumber !== p.number ? ` (was${num(p.fromNumber) || ' unnumbered'})` : '';
        lines.push(`  Paragraph${num(p.number)} changed${renumbered}: ${marked(p.parts, colour)}`);
      } else lines.push(`  Paragraph${num(p.number)} ${p.kind}: ${whole(p.kind, p.text)}`);
    }
  }
  for (const p of diff.principles) {
    lines.push(`Principle ${p.principle}`);
    if (p.integrated) lines.push(`  Integrated: ${p.integrated.from} -> ${p.integrated.to}`);
    if (p.explanation) lines.push(`  Explanation: ${marked(p.explanation, colour)}`);
  }
  if (diff.consent) lines.push(`Consent to publication: ${diff.consent.from} -> ${diff.consent.to}`);
  for (const c of diff.contact) lines.push(`Contact ${c.field}: ${marked(c.parts, colour)}`);
  for (const f of diff.footnotes) {
    if (f.kind === 'changed') {
      lines.push(`Footnote ${f.number} changed${f.fromNumber !== f.number ? ` (was ${f.fromNumber})` : ''}: ${marked(f.parts, colour)}`);
      if (f.urls) lines.push(`  Links: ${f.urls.from.join(' ') || '(none)'} -> ${f.urls.to.join(' ') || '(none)'}`);
    } else lines.push(`Footnote ${f.number} ${f.kind}: ${whole(f.kind, f.text)}`);
  }
  return `${lines.join('\n')}\n`;
}

function versionOption(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a version number, 1 or more (the submission page's history lists them)`);
  return n;
}

/** Adds `diff` to the `submission` command. */
export function registerSubmissionDiff(submission: Command): void {
  withDatabaseOptions(
    submission
      .command('diff')
      .description('What changed between two versions of a State\'s submission, the words marked [-removed-]{+added+}')
      .requiredOption('--cycle <id>', 'the cycle id (gcm-review cycle list)')
      .requiredOption('--state <iso3>', 'the ISO3 code of the State, e.g. XAA')
      .requiredOption('--from <n>', 'the older version')
      .requiredOption('--to <n>', 'the newer version')
      .option('--json', 'print the differences as JSON'),
  ).action(async (options: Options) => {
    const from = versionOption(options.from, 'from');
    const to = versionOption(options.to, 'to');
    await withServices(configFrom(options), async (services) => {
      const found = await services.submissions.diff(systemActor, options.cycle, options.state, from, to);
      if (options.json) return printJson(found);
      const colour = process.stdout.isTTY === true;
      process.stdout.write(`${options.state.toUpperCase()}: version ${found.from} -> version ${found.to}\n${diffText(found.diff, colour)}`);
    });
  });
}
