// Collects field problems so that one InvalidInput names every bad field at once.
import { formatPath } from '../domain/template.ts';
import { InvalidInput, type FieldProblem } from './errors.ts';

export class Problems {
  readonly list: FieldProblem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Adds Zod issues; `whole` names the value itself when an issue has no path. */
  addIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], whole: string): void {
    for (const i of issues) this.add(i.path.length ? formatPath(i.path) : whole, i.message);
  }

  /** Throws InvalidInput(message) listing every problem, if there is any. */
  throwIfAny(message: string): void {
    if (this.list.length > 0) throw new InvalidInput(message, this.list);
  }
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** A calendar date written YYYY-MM-DD (2020-02-30 is refused). */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function isEmail(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

/** "2025-06-01 10:32 UTC": a moment as people read it in messages. */
export function formatMoment(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
