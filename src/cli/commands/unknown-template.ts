// The one line the commands print for a template id that is neither built in nor stored.
import { builtinQuestionnaireIds } from '../../domain/questionnaire/builtin/index.ts';
import { CliError } from '../output.ts';

/** "There is no template X. Built-in templates: (all of them); `gcm-review template list` shows all." */
export function unknownTemplate(id: string): CliError {
  return new CliError(`There is no template "${id}". Built-in templates: ${builtinQuestionnaireIds.join(', ')}; \`gcm-review template list\` shows all.`);
}
