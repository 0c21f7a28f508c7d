// The questionnaire item model's public surface: what services, importer, exporters and the web
// app use when they switch over (see "The questionnaire model" in docs/architecture.md).
export { Text, Translations, Lang, textIn, isTranslations } from './text.ts';
export type { Finding, Severity, ItemText, Concerns } from './kind.ts';
export { kinds, kindOf, isAnswered, Item, Answer, type ItemKind, type ItemOf, type AnswerOf } from './registry.ts';
export { Questionnaire, parseQuestionnaire, walk, answeredItems, itemByKey, itemName, languagesOf, type QuestionnaireInput, type Placed } from './questionnaire.ts';
export { ItemResponse, emptyResponse, type ItemResponseInput } from './response.ts';
export { validate, errorsOf, type ValidateOptions } from './validate.ts';
export { localize, missingTranslations, formWords, templateTexts, type FormWord, type MissingTranslation } from './localize.ts';
export { fromFixedSlots, fromLegacyResponse, legacyLosses, toLegacyResponse } from './legacy.ts';
export { toFixedSlots, NotFixedSlots, fixedSlotsIn, fixedSlotLanguages } from './fixed-slots.ts';
export { consentOf } from './kinds/choice.ts';
export { builtinQuestionnaires, builtinQuestionnaire } from './builtin/index.ts';
