import type { PreviewStep } from '../../../runtime/preview-bridge/steps';
import type { StarterAppId } from '../starter-ideas';

export type { StarterAppId };

export interface StarterApp {
  id: StarterAppId;
  /** Lower-case noun phrase used in sentences: "I'll build a {title}". */
  title: string;
  /** What it does, finishing the sentence "You can …". */
  description: string;
  files: { path: string; content: string }[];
  /** What the demo checks in the preview before it says the app works; leaves what the app keeps in storage as it was. */
  check: PreviewStep[];
}
