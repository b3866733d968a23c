/**
 * Guided lessons as plain data: each lesson is a few steps, and each step carries the complete
 * project document it talks about, so "Set this up" loads exactly that state. No DOM, no React,
 * no engine: the app renders and applies steps, the tests validate and run their projects.
 */
import type { ProjectInput } from '../project/schema';

/** The bottom-panel views a step may switch to (mirrors src/app/analysis/bottomTabs.ts ids). */
export type LessonTab = 'plots' | 'phase' | 'fi';

/** What a step selects in the editor after loading: a population (node) or a projection (edge). */
export type LessonSelection = { readonly population: string } | { readonly projection: string };

export interface LessonStep {
  /** Stable within its lesson (persisted position, test ids). */
  readonly id: string;
  readonly title: string;
  /** 2–5 sentences; units written out. Paragraphs are separated by a blank line. */
  readonly text: string;
  /** The complete project the step loads. */
  readonly project: ProjectInput;
  readonly select?: LessonSelection;
  /** The bottom tab to show after loading (default: leave it as it is). */
  readonly tab?: LessonTab;
  /** Start the run straight after loading. */
  readonly run?: boolean;
}

export interface Lesson {
  /** Stable id: `lesson-<id>` test ids and the remembered position. */
  readonly id: string;
  readonly title: string;
  /** One line for the lesson list. */
  readonly summary: string;
  readonly steps: readonly LessonStep[];
}
