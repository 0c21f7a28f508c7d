// A labelled choice of role among those offered, each by its name (the People panel's forms).
import type { Role } from '../../services/types.ts';
import { roleLabel } from '../lib/format.ts';
import { Field } from './Field.tsx';

export function RoleField({ id, label, roles, value, onChange }: { id: string; label: string; roles: readonly Role[]; value: Role; onChange: (role: Role) => void }) {
  return (
    <Field id={id} label={label}>
      {(a11y) => (
        <select {...a11y} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
