// The workspace a first visit (and "New") starts from: the first example of the
// engine's corpus, a CI role pushing to its team's ECR repositories. Its cases,
// kept as policy tests, show all three decisions.
import { exampleWorkspace } from './engine-extras';
import { getExamples } from './engine-extras';

export const DEFAULT_WORKSPACE = { ...exampleWorkspace(getExamples()[0]), activePolicy: 0 };
