// The web app's one place per kind of item: the component that renders it, keyed by the kind's
// name. The type lists every kind of the questionnaire registry, so a kind added there and
// missing here is a type error.
import type { ComponentType } from 'react';
import type { ItemKind } from '../../../domain/questionnaire/registry.ts';
import type { ItemProps } from './form.tsx';
import { AttachmentItem } from './AttachmentItem.tsx';
import { ChecklistItem } from './ChecklistItem.tsx';
import { ChoiceItem } from './ChoiceItem.tsx';
import { ContactItem } from './ContactItem.tsx';
import { ProseItem } from './ProseItem.tsx';
import { SectionItem } from './SectionItem.tsx';
import { TableItem } from './TableItem.tsx';

export const itemComponents: { readonly [K in ItemKind]: ComponentType<ItemProps<K>> } = {
  section: SectionItem,
  prose: ProseItem,
  checklist: ChecklistItem,
  choice: ChoiceItem,
  contact: ContactItem,
  table: TableItem,
  attachment: AttachmentItem,
};
