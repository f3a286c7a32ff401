/** What every action form is given by the panel that shows it. */
import type { Assignment } from '../../../api/types.js';

/** The case, the send and cancel callbacks, whether a request is in flight, and the server's refusal. */
export interface FormProps {
  readonly assignment: Assignment;
  readonly busy: boolean;
  readonly refusal: string | null;
  readonly onSend: (body: Record<string, unknown>) => void;
  readonly onCancel: () => void;
}
