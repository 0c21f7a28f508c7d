// An assignment's status in words (not started, drafting, ready for review, done), as a badge.
import { useTranslation } from 'react-i18next';
import { assignmentStatuses, type AssignmentStatus } from '../../../domain/progress.ts';
import { Badge } from '../Status.tsx';

export { assignmentStatuses };

const tones: Record<AssignmentStatus, string> = { 'not-started': 'not-started', drafting: 'draft', 'ready-for-review': 'submitted', done: 'accepted' };

export function useStatusLabel(): (status: AssignmentStatus) => string {
  const { t } = useTranslation();
  return (status) => t(`assignments.status.${status}`);
}

export function StatusLabel({ status }: { status: AssignmentStatus }) {
  const label = useStatusLabel();
  return <Badge tone={tones[status]}>{label(status)}</Badge>;
}
