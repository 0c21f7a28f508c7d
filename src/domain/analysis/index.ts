// The analysis of one response (issue 10): objectives per paragraph, figures, checks, mentions.
export { analyseResponse, compiledVocabulary, type AnalysisOptions } from './analyse.ts';
export type { Analysis, Check, CheckCode, Figure, FigureValue, Mention, MentionKind, ObjectiveEvidence, ObjectiveTag, ParagraphAnalysis } from './types.ts';
export { builtinVocabularies, vocabularyLanguages, vocabularyWith, termProblems, isObjectiveNumber, type Vocabulary, type VocabularyOverride } from './vocabulary.ts';
export { extractFigures } from './figures.ts';
export { tagObjectives, explicitObjectives } from './objectives.ts';
